namespace Bugsink.E2E.Data;

// What the runner reads from the server's database beside the JSON API: the counts of items accepted and
// dropped (sessions, client reports…, which no API has), a project's event count and what still waits in
// the inbox (to know the digest caught up). SQLite files in the data folder, or PostgreSQL.
public interface IStoreProbe
{
    IReadOnlyDictionary<string, long> DroppedItems(long projectId);

    long EventCount(long projectId);

    long PendingInInbox();
}
