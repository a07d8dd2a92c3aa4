using System.Security.Cryptography;

namespace Bugsink.Web.Features.SourceMaps.Bundles;

// SHA-1 as sentry-cli's chunked upload names chunks and bundles (hashAlgorithm "sha1" is the only
// value it accepts). An integrity check against transfer errors, not a security boundary: what a
// token may upload it may upload under any name.
public static class Sha1
{
#pragma warning disable CA5350 // The protocol fixes SHA-1 (see above).
    public static string Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA1.HashData(data));

    public static async Task<string> HexAsync(Stream data, CancellationToken cancellationToken) =>
        Convert.ToHexStringLower(await SHA1.HashDataAsync(data, cancellationToken));
#pragma warning restore CA5350
}
