namespace Bugsink.Web.Features.SourceMaps.Decoding;

// The Base64 VLQ numbers of a source map's "mappings" (ECMA-426): six bits per character, bit 5 says
// "more follows", five value bits per character, least significant group first; the lowest bit of the
// assembled number is the sign.
public static class Base64Vlq
{
    private static readonly sbyte[] Digits = BuildDigits();

    // Reads one number starting at position; advances position past it. False on a character outside
    // the alphabet, a number cut off at the end, or one too large for an int.
    public static bool TryRead(ReadOnlySpan<char> text, ref int position, out int value)
    {
        value = 0;
        long accumulated = 0;
        var shift = 0;
        while (true)
        {
            if (position >= text.Length)
            {
                return false;
            }

            var c = text[position];
            var digit = c < 128 ? Digits[c] : (sbyte)-1;
            if (digit < 0 || shift > 30)
            {
                return false;
            }

            position++;
            accumulated |= (long)(digit & 31) << shift;
            shift += 5;
            if ((digit & 32) == 0)
            {
                break;
            }
        }

        var magnitude = accumulated >> 1;
        if (magnitude > int.MaxValue)
        {
            return false;
        }

        value = (accumulated & 1) == 1 ? -(int)magnitude : (int)magnitude;
        return true;
    }

    private static sbyte[] BuildDigits()
    {
        var digits = new sbyte[128];
        Array.Fill(digits, (sbyte)-1);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (var i = 0; i < alphabet.Length; i++)
        {
            digits[alphabet[i]] = (sbyte)i;
        }

        return digits;
    }
}
