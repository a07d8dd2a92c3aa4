using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;

namespace Bugsink.Web.Features.SourceMaps.Bundles;

public sealed record BundleFile(string Url, SourceArtifactKind Kind, Guid? DebugId, string? SourceMapHeader, byte[] Content);

public sealed record BundleContents(string? BundleDebugId, string? Release, string? Dist, IReadOnlyList<BundleFile> Files);

public sealed class BundleFormatException(string message) : Exception(message);

// Reads an artifact bundle (PROTOCOL-RELEASES.md §3): "SYSB", a u32 version ≤ 2, then a ZIP whose
// offsets count from the start of the file, so the ZIP is opened on the whole stream. Files come from
// the manifest's keys, never from entry names rebuilt from URLs. Unpacked bytes are capped: a small
// upload must not expand into gigabytes.
public static class BundleReader
{
    public static BundleContents Read(Stream bundle, long maxUnpackedBytes, int maxFiles)
    {
        Span<byte> header = stackalloc byte[8];
        if (bundle.ReadAtLeast(header, 8, throwOnEndOfStream: false) < 8 || !header[..4].SequenceEqual("SYSB"u8))
        {
            throw new BundleFormatException("not an artifact bundle (the file does not start with SYSB)");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) is 0 or > 2)
        {
            throw new BundleFormatException("unsupported artifact bundle version");
        }

        bundle.Position = 0;
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(bundle, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new BundleFormatException("the artifact bundle's ZIP archive is damaged");
        }

        using (zip)
        {
            var budget = new Budget(maxUnpackedBytes);
            var manifestEntry = zip.GetEntry("manifest.json") ?? throw new BundleFormatException("the artifact bundle has no manifest.json");
            using var manifest = JsonDocument.Parse(ReadEntry(manifestEntry, budget));
            var root = manifest.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Object)
            {
                throw new BundleFormatException("the manifest has no files");
            }

            List<BundleFile> read = [];
            foreach (var file in files.EnumerateObject())
            {
                if (read.Count == maxFiles)
                {
                    throw new BundleFormatException($"the bundle has more than {maxFiles} files (Bugsink:SourceMaps:MaxFilesPerBundle)");
                }

                read.Add(ReadFile(zip, file, budget));
            }

            return new BundleContents(Text(root, "debug_id"), Text(root, "release"), Text(root, "dist"), read);
        }
    }

    public static SourceArtifactKind KindOf(string? type, string url) => type switch
    {
        "source_map" => SourceArtifactKind.SourceMap,
        "minified_source" => SourceArtifactKind.MinifiedSource,
        "source" => SourceArtifactKind.Source,
        _ => url.EndsWith(".map", StringComparison.OrdinalIgnoreCase) ? SourceArtifactKind.SourceMap : SourceArtifactKind.MinifiedSource,
    };

    private static BundleFile ReadFile(ZipArchive zip, JsonProperty file, Budget budget)
    {
        var info = file.Value;
        if (info.ValueKind != JsonValueKind.Object || Text(info, "url") is not { Length: > 0 } url)
        {
            throw new BundleFormatException($"the manifest entry {file.Name} has no url");
        }

        var entry = zip.GetEntry(file.Name) ?? throw new BundleFormatException($"the manifest names {file.Name}, which the bundle does not hold");
        Guid? debugId = null;
        string? sourceMap = null;
        if (info.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
        {
            // Header names are compared case-insensitively (symbolic lower-cases them).
            foreach (var header in headers.EnumerateObject())
            {
                var name = header.Name.ToLowerInvariant();
                var value = header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString() : null;
                if (name is "debug-id" or "debug_id" && Guid.TryParse(value, out var parsed))
                {
                    debugId = parsed;
                }
                else if (name is "sourcemap" || (name is "x-sourcemap" && sourceMap is null))
                {
                    sourceMap = value;
                }
            }
        }

        return new BundleFile(url, KindOf(Text(info, "type"), url), debugId, sourceMap, ReadEntry(entry, budget));
    }

    private static byte[] ReadEntry(ZipArchiveEntry entry, Budget budget)
    {
        // The declared length may lie; the budget counts what is really inflated.
        using var stream = entry.Open();
        using var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            budget.Spend(read);
            content.Write(buffer, 0, read);
        }

        return content.ToArray();
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed class Budget(long limit)
    {
        private readonly long _limit = limit;

        private long _left = limit;

        public void Spend(int bytes)
        {
            _left -= bytes;
            if (_left < 0)
            {
                throw new BundleFormatException($"the bundle unpacks to more than {_limit} bytes (Bugsink:SourceMaps:MaxBundleBytes)");
            }
        }
    }
}
