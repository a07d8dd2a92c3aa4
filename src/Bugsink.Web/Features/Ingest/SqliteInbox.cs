using System.Data.Common;
using Bugsink.Web.Features.Digest;

namespace Bugsink.Web.Features.Ingest;

// The inbox as its own SQLite file (InboxDatabase), written through prepared statements (InboxStatements).
public sealed class SqliteInbox(InboxDatabase database) : IInbox
{
    public void EnsureCreated(DigestProgress? digested)
    {
        database.EnsureCreated();
        if (digested is not null)
        {
            database.ContinueNumberingAfter(digested.LastInboxEventId, digested.LastInboxAttachmentId);
        }
    }

    public long CountBacklog() => database.CountBacklog();

    public long? OldestReceivedAt()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        // The oldest row is the lowest id: one index lookup.
        command.CommandText = "SELECT received_at FROM inbox_events ORDER BY id LIMIT 1";
        return command.ExecuteScalar() as long?;
    }

    public IInboxSession OpenSession() => new Session(database);

    public DbConnection OpenConnection() => database.Open();

    private sealed class Session(InboxDatabase database) : IInboxSession
    {
        private readonly Microsoft.Data.Sqlite.SqliteConnection _connection = database.Open();
        private InboxStatements? _statements;

        public void Commit(IReadOnlyList<InboxWrite> batch, IReadOnlyCollection<KeyValuePair<(long ProjectId, string ItemType), int>> dropped)
        {
            _statements ??= new InboxStatements(_connection);
            using var transaction = _connection.BeginTransaction();
            foreach (var write in batch)
            {
                if (write.Event is { } inboxEvent)
                {
                    _statements.InsertEvent(inboxEvent);
                }

                foreach (var attachment in write.Attachments)
                {
                    _statements.InsertAttachment(attachment);
                }
            }

            foreach (var ((projectId, itemType), count) in dropped)
            {
                _statements.AddDropped(projectId, itemType, count);
            }

            transaction.Commit();
        }

        public void Dispose()
        {
            _statements?.Dispose();
            _connection.Dispose();
        }
    }
}
