using Bugsink.Web.Features.Ingest;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Features.Health;

// How far behind the digest is: now minus the arrival of the oldest event still in the inbox.
// Read when scraped rather than recorded by the digest, so a digest that has stopped shows a lag
// that keeps growing instead of its last value. The oldest row is the lowest id: one index lookup.
public sealed class InboxLag(InboxDatabase inbox, TimeProvider time)
{
    public TimeSpan Measure()
    {
        try
        {
            using var connection = inbox.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT received_at FROM inbox_events ORDER BY id LIMIT 1";
            if (command.ExecuteScalar() is not long receivedAt)
            {
                return TimeSpan.Zero;
            }

            var lag = time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(receivedAt);
            return lag > TimeSpan.Zero ? lag : TimeSpan.Zero;
        }
        catch (SqliteException)
        {
            // /health/ready reports an unreadable inbox; metrics keep answering with what they know.
            return TimeSpan.Zero;
        }
    }
}
