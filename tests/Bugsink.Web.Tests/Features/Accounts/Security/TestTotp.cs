using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Bugsink.Web.Tests.Features.Accounts.Security;

// The test's own authenticator app: RFC 6238 (HMAC-SHA1, 30 s steps) over a base32 key (RFC 4648), so the
// server's codes are checked against an implementation that shares no code with it.
public static class TestTotp
{
    public static string Code(string base32Key, DateTimeOffset at, int digits = 6) => Code(Base32(base32Key), at, digits);

    public static string Code(byte[] key, DateTimeOffset at, int digits = 6)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
#pragma warning disable CA5350 // RFC 6238 is HMAC-SHA1, as every authenticator app computes it.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff;
        return (binary % (int)Math.Pow(10, digits)).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    public static byte[] Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            Assert.True(value >= 0, $"'{c}' is not base32");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }
}

public sealed class TestTotpTests
{
    // RFC 6238 appendix B, SHA-1 rows (8 digits; the secret is the ASCII "12345678901234567890").
    [Theory]
    [InlineData(59, "94287082")]
    [InlineData(1111111109, "07081804")]
    [InlineData(1111111111, "14050471")]
    [InlineData(1234567890, "89005924")]
    [InlineData(2000000000, "69279037")]
    [InlineData(20000000000, "65353130")]
    public void MatchesTheRfcTestVectors(long unixSeconds, string expected)
    {
        var key = "12345678901234567890"u8.ToArray();
        Assert.Equal(expected, TestTotp.Code(key, DateTimeOffset.FromUnixTimeSeconds(unixSeconds), digits: 8));
        Assert.Equal(expected[2..], TestTotp.Code(key, DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
    }

    [Fact]
    public void Base32_DecodesRfc4648Examples() =>
        Assert.Equal("foobar"u8.ToArray(), TestTotp.Base32("mzxw 6ytb oi======"));
}
