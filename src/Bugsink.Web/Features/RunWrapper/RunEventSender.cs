using System.Globalization;
using System.Text.Json.Nodes;
using Bugsink.Sentry.Auth;
using Bugsink.Sentry.Envelopes;

namespace Bugsink.Web.Features.RunWrapper;

// Posts the event as a one-item envelope, the way `send-event` and the SDKs do. Never throws: the
// caller's exit code is the command's, so a failed send can only be a warning.
public static class RunEventSender
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    // Null when the server accepted the event, else what went wrong, in one line.
    public static async Task<string?> SendAsync(Dsn dsn, JsonObject payload, TimeSpan timeout)
    {
        var url = dsn.EnvelopeUrl;
        try
        {
            using var http = new HttpClient { Timeout = timeout };
            var answer = await EventEnvelopeSender.PostAsync(http, dsn, payload["event_id"]!.GetValue<string>(), payload.ToJsonString(), "bugsink-run/1.0");
            return answer.IsSuccess
                ? null
                : $"{url} answered {answer.Status}: {(answer.Body.Length > 300 ? answer.Body[..300] + "…" : answer.Body)}";
        }
        catch (TaskCanceledException)
        {
            return $"{url} did not answer within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
        }
        catch (HttpRequestException e)
        {
            return $"{url}: {e.Message}";
        }
    }
}
