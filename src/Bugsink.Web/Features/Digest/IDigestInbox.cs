using Bugsink.Web.Infrastructure.Database.Statements;

namespace Bugsink.Web.Features.Digest;

// The digest's side of the inbox, per engine (DatabaseSetup picks the IDigestInboxes). SQLite: inbox.db apart from
// the main file, drained by a watermark saved in the batch's transaction (SqliteDigestInbox). PostgreSQL: the inbox
// tables in the same database, whose rows the batch's transaction deletes by id (PostgresDigestInbox).
public interface IDigestInboxes
{
    // main: the digest's connection to the main database, on which every batch's transaction runs.
    IDigestInbox Open(StatementConnection main);
}

public interface IDigestInbox : IDisposable
{
    // The oldest rows not yet digested; events and attachments at least one each when there are any, however large.
    InboxBatch Read(int maxEvents, int maxAttachments, long maxPayloadBytes);

    // Inside the batch's transaction: copies one attachment's bytes from the inbox into EventAttachments; its new id.
    long StoreAttachment(InboxAttachmentRow attachment);

    // Inside the batch's transaction, last: marks the batch's rows digested, so they commit together or not at all.
    void Settle(InboxBatch batch);

    // After the commit: whatever cleanup the engine's bookkeeping leaves for later.
    void Digested(InboxBatch batch);
}
