using Bugsink.Web.Features.Ingest;
using System.Data.Common;

namespace Bugsink.Web.Features.Health;

// How far behind the digest is: now minus the arrival of the oldest event still in the inbox.
// Read when scraped rather than recorded by the digest, so a digest that has stopped shows a lag
// that keeps growing instead of its last value.
public sealed class InboxLag(IInbox inbox, TimeProvider time)
{
    public TimeSpan Measure()
    {
        try
        {
            if (inbox.OldestReceivedAt() is not { } receivedAt)
            {
                return TimeSpan.Zero;
            }

            var lag = time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(receivedAt);
            return lag > TimeSpan.Zero ? lag : TimeSpan.Zero;
        }
        catch (DbException)
        {
            // /health/ready reports an unreadable inbox; metrics keep answering with what they know.
            return TimeSpan.Zero;
        }
    }
}
