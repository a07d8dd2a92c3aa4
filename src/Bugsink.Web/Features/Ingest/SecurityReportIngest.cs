using Bugsink.Sentry.Security;

namespace Bugsink.Web.Features.Ingest;

// /api/{id}/security/?sentry_key=KEY (issue 25 item 6): each CSP violation in the body becomes one event
// through the same acceptor, quota and inbox as /store/, so nothing downstream knows reports apart. Sentry's
// `sentry_release` and `sentry_environment` query parameters tag them, as Sentry's endpoint does.
public sealed class SecurityReportIngest(EventAcceptor acceptor, IngestQuota quota)
{
    public async Task<IngestOutcome> IngestAsync(IngestRequest request)
    {
        if (request.Credentials.PublicKey is null)
        {
            return IngestOutcome.Error(StatusCodes.Status401Unauthorized, "missing authorization information: add ?sentry_key=KEY to the report URL");
        }

        if (!CspReportReader.TryRead(request.Body, out var violations, out var error))
        {
            return IngestOutcome.Error(StatusCodes.Status400BadRequest, "invalid security report", [error!]);
        }

        var query = request.Context.Request.Query;
        var release = Short(query["sentry_release"]);
        var environment = Short(query["sentry_environment"]);
        var userAgent = Short(request.Context.Request.Headers.UserAgent);
        string? lastId = null;
        foreach (var violation in violations)
        {
            if (quota.TryAccept(request.ProjectId) is { } limits)
            {
                RateLimitHeaders.WriteRefusal(request.Context.Response, limits);
                return IngestOutcome.Error(StatusCodes.Status429TooManyRequests, "event quota exceeded; retry later");
            }

            var eventId = EventAcceptor.NewEventId();
            var payload = CspEventWriter.Write(violation with { UserAgent = violation.UserAgent ?? userAgent }, eventId, acceptor.Now, release, environment);
            var outcome = await acceptor.CommitAsync(new InboxWrite(acceptor.BuildEvent(request, eventId, payload), []), eventId);
            if (outcome.StatusCode != StatusCodes.Status200OK)
            {
                return outcome;
            }

            lastId = eventId;
        }

        return IngestOutcome.Ok(lastId);
    }

    private static string? Short(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Length > 200 ? value[..200] : value;
}
