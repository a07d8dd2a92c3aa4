using System.Data.Common;
using Bugsink.Web.Features.Digest;

namespace Bugsink.Web.Features.Ingest;

// Where acknowledged events wait for the digest: inbox.db beside the main file on SQLite (SqliteInbox), tables of
// the one database on PostgreSQL (PostgresInbox), so that any node's inbox is every node's. DatabaseSetup picks one.
public interface IInbox
{
    // Creates the tables if missing. digested: the main database's watermark, which only SQLite's inbox keeps.
    void EnsureCreated(DigestProgress? digested);

    long CountBacklog();

    // The arrival of the oldest event still waiting, in Unix milliseconds; null when none waits.
    long? OldestReceivedAt();

    // The inbox writer's session: one transaction per batch.
    IInboxSession OpenSession();

    // For the small side tables (rejected_items); parameters are named @name on both engines.
    DbConnection OpenConnection();
}

public interface IInboxSession : IDisposable
{
    // Writes the batch and the dropped-item counts in one transaction and commits it before returning;
    // the requests may answer 200 only after that.
    void Commit(IReadOnlyList<InboxWrite> batch, IReadOnlyCollection<KeyValuePair<(long ProjectId, string ItemType), int>> dropped);
}
