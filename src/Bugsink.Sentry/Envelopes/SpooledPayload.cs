namespace Bugsink.Sentry.Envelopes;

// A payload too large to hold in memory, in a temporary file that is deleted when this is disposed (and at
// the next start, should the process die first). Read it from the start with OpenRead.
public sealed class SpooledPayload : IDisposable
{
    private readonly FileStream _file;

    internal SpooledPayload(FileStream file, long length)
    {
        _file = file;
        Length = length;
    }

    public long Length { get; }

    // The same file each time, rewound; the caller must not dispose it.
    public Stream OpenRead()
    {
        _file.Position = 0;
        return _file;
    }

    public void Dispose() => _file.Dispose();

    internal static FileStream Create(string directory) => new(
        Path.Combine(directory, Guid.NewGuid().ToString("N") + ".spool"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
        bufferSize: 1, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
