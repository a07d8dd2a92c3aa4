using Bugsink.Sentry.Events;
using Bugsink.Sentry.Grouping;
using Bugsink.Web.Features.Digest;

namespace Bugsink.Web.Features.SourceMaps.Symbolication;

// A new JavaScript issue's culprit from its opening event's frames as resolved with the project's maps
// (issue 22, item 4), by the same rule the grouping uses on the frames as sent. Runs on the digest's
// thread as it opens the issue, once per new issue; the decoded maps stay in the view cache, so
// the issue page that follows reads them for free.
public sealed partial class ResolvedCulprits(EventSymbolicator symbolicator, ILogger<ResolvedCulprits> logger) : INewIssueCulprits
{
    public bool Applies(string platform) => platform is "javascript" or "node";

    public string? Resolve(long projectId, byte[] payload)
    {
        try
        {
            var resolved = symbolicator.ResolveAsync(projectId, payload, CancellationToken.None).GetAwaiter().GetResult();
            if (resolved is not { ResolvedFrames: > 0 })
            {
                return null;
            }

            return EventGrouper.Group(EventData.Parse(resolved.Json)).Culprit;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The issue keeps the culprit of its frames as sent; the page still resolves them when viewed.
            LogFailed(exception, projectId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not resolve the culprit of a new issue in project {ProjectId}")]
    private partial void LogFailed(Exception exception, long projectId);
}
