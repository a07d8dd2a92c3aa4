namespace Bugsink.Benchmarks.Payloads;

// The gzip trailer's CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320). System.IO.Hashing would compute it
// but cannot *combine* two CRCs, which is what lets a pre-compressed body get a fresh event_id per request:
// only the short uncompressed prefix is hashed again and merged with the suffix's CRC (zlib's crc32_combine).
public static class Crc32
{
    private const uint Polynomial = 0xEDB88320;
    private static readonly uint[] Table = BuildTable();

    // x^(2^n) mod P for n = 0..31, the squares zlib precomputes to shift a CRC past n zero bytes quickly.
    private static readonly uint[] PowersOfX = BuildPowers();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    // The operator that appends `length` bytes; computed once per template, applied per request.
    public static uint ShiftOperator(long length)
    {
        var p = 1u << 31;
        var k = 3;
        for (var n = length; n != 0; n >>= 1, k++)
        {
            if ((n & 1) != 0)
            {
                p = MultiplyModP(PowersOfX[k & 31], p);
            }
        }

        return p;
    }

    // CRC of A followed by B, from CRC(A), CRC(B) and ShiftOperator(length of B).
    public static uint Combine(uint crcFirst, uint crcSecond, uint shiftOperator) =>
        MultiplyModP(shiftOperator, crcFirst) ^ crcSecond;

    private static uint MultiplyModP(uint a, uint b)
    {
        var m = 1u << 31;
        var p = 0u;
        while (true)
        {
            if ((a & m) != 0)
            {
                p ^= b;
                if ((a & (m - 1)) == 0)
                {
                    return p;
                }
            }

            m >>= 1;
            b = (b & 1) != 0 ? (b >> 1) ^ Polynomial : b >> 1;
        }
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var c = i;
            for (var bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }

    private static uint[] BuildPowers()
    {
        var powers = new uint[32];
        var p = 1u << 30; // x^1
        powers[0] = p;
        for (var n = 1; n < 32; n++)
        {
            powers[n] = p = MultiplyModP(p, p);
        }

        return powers;
    }
}
