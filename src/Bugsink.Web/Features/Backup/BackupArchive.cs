using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Bugsink.Web.Infrastructure.Configuration;

namespace Bugsink.Web.Features.Backup;

// The archive is one .tar.gz: manifest.json first, then inbox.db, bugsink.db, hangfire.db and
// keys/*. One file is what a cron job can copy off the machine and what a rename makes appear
// whole or not at all; tar and gzip open it anywhere without Bugsink.
public static class BackupArchive
{
    public static void Write(Stream output, BackupManifest manifest, IEnumerable<(string Name, string Path)> files)
    {
        using var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
        using (var json = new MemoryStream(manifest.ToJson()))
        {
            tar.WriteEntry(Entry(BackupManifest.EntryName, json));
        }

        foreach (var (name, path) in files)
        {
            using var data = File.OpenRead(path);
            tar.WriteEntry(Entry(name, data));
        }
    }

    // Reads the archive through once: its manifest, and every entry hashed against it. Nothing is
    // written unless extractTo is given (a folder that exists and is private).
    public static BackupManifest Verify(string archivePath, string? extractTo = null)
    {
        using var file = File.OpenRead(archivePath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        BackupManifest? manifest = null;
        var seen = new Dictionary<string, BackupFileEntry>();
        try
        {
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                {
                    throw new BackupException($"{archivePath}: unexpected entry '{entry.Name}' (only files belong in a backup).");
                }

                if (manifest is null)
                {
                    manifest = ReadManifest(archivePath, entry);
                    continue;
                }

                var expected = manifest.Files.FirstOrDefault(f => f.Name == entry.Name)
                    ?? throw new BackupException($"{archivePath}: '{entry.Name}' is not listed in the manifest.");
                seen[entry.Name] = Consume(entry.DataStream, expected, extractTo);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new BackupException($"{archivePath} is not a readable backup archive ({e.Message}).", e);
        }

        if (manifest is null)
        {
            throw new BackupException($"{archivePath} holds no manifest; not a Bugsink backup.");
        }

        foreach (var expected in manifest.Files)
        {
            if (!seen.TryGetValue(expected.Name, out var actual))
            {
                throw new BackupException($"{archivePath} is incomplete: '{expected.Name}' is missing.");
            }

            if (actual != expected)
            {
                throw new BackupException($"{archivePath}: '{expected.Name}' does not match its checksum; the archive is damaged.");
            }
        }

        return manifest;
    }

    private static BackupManifest ReadManifest(string archivePath, TarEntry entry)
    {
        if (entry.Name != BackupManifest.EntryName || entry.Length > 1024 * 1024)
        {
            throw new BackupException($"{archivePath} does not start with a manifest; not a Bugsink backup.");
        }

        using var buffer = new MemoryStream();
        entry.DataStream!.CopyTo(buffer);
        BackupManifest manifest;
        try
        {
            manifest = BackupManifest.Parse(buffer.ToArray());
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new BackupException($"{archivePath}: the manifest is not valid ({e.Message}).", e);
        }

        if (manifest.Format != BackupManifest.CurrentFormat)
        {
            throw new BackupException($"{archivePath}: unknown backup format '{manifest.Format}' (this version reads {BackupManifest.CurrentFormat}).");
        }

        foreach (var name in manifest.Files.Select(f => f.Name))
        {
            if (!BackupLayout.IsAllowedEntryName(name))
            {
                throw new BackupException($"{archivePath}: the manifest names '{name}', which does not belong in a data folder.");
            }
        }

        return manifest;
    }

    private static BackupFileEntry Consume(Stream data, BackupFileEntry expected, string? extractTo)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var output = extractTo is null ? null : CreateExtracted(extractTo, expected.Name);
        var buffer = new byte[1 << 16];
        long length = 0;
        int read;
        while ((read = data.Read(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            output?.Write(buffer, 0, read);
            length += read;
        }

        output?.Flush(flushToDisk: true);
        return new BackupFileEntry(expected.Name, length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static FileStream CreateExtracted(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        PrivateFiles.CreateFolder(Path.GetDirectoryName(path)!);
        return PrivateFiles.CreateFile(path);
    }

    private static PaxTarEntry Entry(string name, Stream data) => new(TarEntryType.RegularFile, name)
    {
        DataStream = data,
        Mode = PrivateFiles.FileMode,
        ModificationTime = DateTimeOffset.UtcNow,
    };
}
