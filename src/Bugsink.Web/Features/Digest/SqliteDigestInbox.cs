using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Infrastructure.Database.Statements;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Features.Digest;

public sealed class SqliteDigestInboxes(InboxDatabase inbox) : IDigestInboxes
{
    public IDigestInbox Open(StatementConnection main) => new SqliteDigestInbox(inbox, (SqliteStatementConnection)main);
}

// inbox.db is another file, so deleting its rows cannot join the batch's transaction on bugsink.db: the batch saves
// the highest ids it digested (DigestProgress) instead, and the rows at or below go after the commit, or at the
// next start if a crash came first. SQLite commits ids in order, so "id <= N" names exactly what was read.
internal sealed class SqliteDigestInbox : IDigestInbox
{
    private readonly SqliteStatementConnection _main;
    private readonly InboxReader _reader;
    private readonly IStatement _saveProgress;

    // Room for the bytes, which are then copied from the inbox in chunks (incremental blob I/O).
    private readonly IStatement _insertAttachment;
    private DigestProgress _progress;
    private DigestProgress _next;

    public SqliteDigestInbox(InboxDatabase inbox, SqliteStatementConnection main)
    {
        _main = main;
        _reader = new InboxReader(inbox);
        _saveProgress = main.Prepare(
            """UPDATE "DigestProgress" SET "LastInboxEventId" = $p0, "LastInboxAttachmentId" = $p1 WHERE "Id" = 1""", 2);
        _insertAttachment = main.Prepare("""
            INSERT INTO "EventAttachments" ("ProjectId", "EventId", "ItemType", "Filename", "ContentType", "AttachmentType", "Size", "Data", "ReceivedAt")
            VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, zeroblob($p6), $p7) RETURNING "Id"
            """, 8);
        _progress = _next = LoadProgress(main);
        // Rows at or below the watermark were digested before a crash cut the delete short.
        _reader.DeleteUpTo(_progress);
    }

    public InboxBatch Read(int maxEvents, int maxAttachments, long maxPayloadBytes) =>
        _reader.Read(_progress, maxEvents, maxAttachments, maxPayloadBytes);

    public long StoreAttachment(InboxAttachmentRow a)
    {
        var id = (long)_insertAttachment.Scalar(
            a.ProjectId, a.EventId, a.ItemType, a.Filename, a.ContentType, a.AttachmentType, a.Size, a.ReceivedAt.ToUnixTimeMilliseconds())!;
        using var target = new SqliteBlob(_main.Connection, "EventAttachments", "Data", id);
        _reader.CopyAttachment(a.Id, target);
        return id;
    }

    public void Settle(InboxBatch batch)
    {
        _next = new DigestProgress
        {
            LastInboxEventId = batch.LastEventId(_progress.LastInboxEventId),
            LastInboxAttachmentId = batch.LastAttachmentId(_progress.LastInboxAttachmentId),
        };
        _saveProgress.Run(_next.LastInboxEventId, _next.LastInboxAttachmentId);
    }

    public void Digested(InboxBatch batch)
    {
        _progress = _next;
        _reader.DeleteUpTo(_progress);
    }

    public void Dispose()
    {
        _saveProgress.Dispose();
        _insertAttachment.Dispose();
        _reader.Dispose();
    }

    private static DigestProgress LoadProgress(StatementConnection main)
    {
        using var command = main.Command("""SELECT "LastInboxEventId", "LastInboxAttachmentId" FROM "DigestProgress" WHERE "Id" = 1""");
        using var reader = command.ExecuteReader();
        return reader.Read() ? new DigestProgress { LastInboxEventId = reader.GetInt64(0), LastInboxAttachmentId = reader.GetInt64(1) } : new DigestProgress();
    }
}
