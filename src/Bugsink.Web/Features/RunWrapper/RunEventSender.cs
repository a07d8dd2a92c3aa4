using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bugsink.Sentry.Auth;

namespace Bugsink.Web.Features.RunWrapper;

// Posts the event as a one-item envelope, the way `send-event` and the SDKs do. Never throws: the
// caller's exit code is the command's, so a failed send can only be a warning.
public static class RunEventSender
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    // Null when the server accepted the event, else what went wrong, in one line.
    public static async Task<string?> SendAsync(Dsn dsn, JsonObject payload, TimeSpan timeout)
    {
        var eventId = payload["event_id"]!.GetValue<string>();
        var body = payload.ToJsonString();
        var envelope = $"{{\"event_id\":\"{eventId}\",\"dsn\":{JsonValue.Create(dsn.ToString()).ToJsonString()}}}\n"
            + $"{{\"type\":\"event\",\"length\":{Encoding.UTF8.GetByteCount(body).ToString(CultureInfo.InvariantCulture)}}}\n{body}\n";
        var port = dsn.Port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : "";
        var url = $"{dsn.Scheme}://{dsn.Host}{port}{dsn.PathPrefix}/api/{dsn.ProjectId}/envelope/";
        try
        {
            using var http = new HttpClient { Timeout = timeout };
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(envelope, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-sentry-envelope");
            request.Headers.TryAddWithoutValidation("X-Sentry-Auth", $"Sentry sentry_key={dsn.PublicKey}, sentry_version=7, sentry_client=bugsink-run/1.0");
            using var response = await http.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            var answer = await response.Content.ReadAsStringAsync();
            return $"{url} answered {(int)response.StatusCode}: {(answer.Length > 300 ? answer[..300] + "…" : answer)}";
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
