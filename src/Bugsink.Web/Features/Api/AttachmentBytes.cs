using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database.Engines;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bugsink.Web.Features.Api;

// An attachment's bytes as a stream that never holds the whole attachment, per engine (DatabaseSetup picks one).
public interface IAttachmentBytes
{
    Stream Open(long attachmentId);
}

public sealed class SqliteAttachmentBytes(IOptions<SiteOptions> site) : IAttachmentBytes
{
    public Stream Open(long attachmentId) => new AttachmentBlobStream(site.Value.MainDatabasePath, attachmentId);
}

// SequentialAccess makes Npgsql hand the bytea column out as it arrives from the server instead of buffering the row.
public sealed class PostgresAttachmentBytes(DatabaseEngine engine) : IAttachmentBytes
{
    public Stream Open(long attachmentId)
    {
        var connection = new NpgsqlConnection(engine.ConnectionString);
        try
        {
            connection.Open();
            var command = new NpgsqlCommand("""SELECT "Data" FROM "EventAttachments" WHERE "Id" = $1""", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = attachmentId });
            var reader = command.ExecuteReader(System.Data.CommandBehavior.SequentialAccess);
            if (!reader.Read())
            {
                reader.Dispose();
                throw new InvalidOperationException($"Attachment {attachmentId} is gone.");
            }

            return new OwningStream(reader.GetStream(0), reader, command, connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // The column's stream, disposing the reader, command and connection behind it when the response is done.
    private sealed class OwningStream(Stream inner, params IDisposable[] owned) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

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
                inner.Dispose();
                foreach (var disposable in owned)
                {
                    disposable.Dispose();
                }
            }

            base.Dispose(disposing);
        }
    }
}
