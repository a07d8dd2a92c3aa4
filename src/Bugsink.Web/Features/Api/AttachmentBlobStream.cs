using Bugsink.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Features.Api;

// An attachment's bytes read straight from its row with SQLite's incremental blob I/O, so a 100 MiB download
// costs the response's buffers, not 100 MiB. Owns its connection; the response disposes it when done.
public sealed class AttachmentBlobStream : Stream
{
    private readonly SqliteConnection _connection;
    private readonly SqliteBlob _blob;

    public AttachmentBlobStream(string databasePath, long attachmentId)
    {
        _connection = SqliteConnectionFactory.Open(databasePath);
        try
        {
            _blob = new SqliteBlob(_connection, "EventAttachments", "Data", attachmentId, readOnly: true);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _blob.Length;

    public override long Position
    {
        get => _blob.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => _blob.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => _blob.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_blob.Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(_blob.Read(buffer, offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _blob.Dispose();
            _connection.Dispose();
        }

        base.Dispose(disposing);
    }
}
