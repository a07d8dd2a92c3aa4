using System.Globalization;
using System.Text;

namespace Bugsink.Web.Features.Ingest;

// The one writer of Retry-After and X-Sentry-Rate-Limits (PROTOCOL.md §7.4), shaped for the strictest
// parser of each field: .NET int.Parse's the first field and indexes the second unconditionally
// (so integer seconds and always two colons), Python int()s the first and unpacks at least three
// fields, JavaScript parseInt's the first (60 when NaN). Entries are joined with ", " as Relay does.
public static class RateLimitHeaders
{
    // What a quota covers: error and message events, security reports, and what travels with an event.
    // Sessions, client reports and transactions are not limited (we drop them without storing).
    public const string EventCategories = "default;error;security;attachment;feedback";

    // Attachments are a quota of their own (counted in bytes); a limit on them names only this category.
    public const string AttachmentCategory = "attachment";

    // The whole request is refused and a 429 follows: no categories means every category, and
    // Retry-After carries the longest limit for SDKs that read only that (and .NET's RetryAfterHandler).
    // A refusal of one category only (attachments) names it, so SDKs keep sending their events.
    public static void WriteRefusal(HttpResponse response, IReadOnlyList<RateLimit> limits, string categories = "")
    {
        var longest = limits.Max(limit => limit.RetryAfterSeconds);
        response.Headers.RetryAfter = longest.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Sentry-Rate-Limits"] = Format(limits, categories);
    }

    // Only some items were refused: the answer stays 200 and names the limited categories, so SDKs
    // hold back those and keep sending the rest.
    public static void WritePartial(HttpResponse response, IReadOnlyList<RateLimit> limits, string categories) =>
        response.Headers["X-Sentry-Rate-Limits"] = Format(limits, categories);

    // Shortest first: JavaScript and Python let a later entry for the same category overwrite an earlier
    // one, so the longest limit must come last to be the one they keep (.NET sorts by itself).
    public static string Format(IReadOnlyList<RateLimit> limits, string categories)
    {
        var text = new StringBuilder();
        foreach (var limit in limits.OrderBy(limit => limit.RetryAfterSeconds))
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(CultureInfo.InvariantCulture, $"{limit.RetryAfterSeconds}:{categories}:{limit.Scope}");
        }

        return text.ToString();
    }
}
