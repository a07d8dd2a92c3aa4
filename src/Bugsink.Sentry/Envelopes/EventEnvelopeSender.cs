using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bugsink.Sentry.Auth;

namespace Bugsink.Sentry.Envelopes;

// Posts one event as a one-item envelope to a DSN, the way an SDK does: for the CLI's `send-event`
// and `run`. Network failures are the caller's to report (HttpRequestException, TaskCanceledException).
public static class EventEnvelopeSender
{
    public sealed record Answer(int Status, string Body)
    {
        public bool IsSuccess => Status is >= 200 and < 300;
    }

    public static async Task<Answer> PostAsync(HttpClient http, Dsn dsn, string eventId, string payloadJson, string client, CancellationToken cancellationToken = default)
    {
        var header = $"{{\"event_id\":\"{eventId}\",\"dsn\":{JsonValue.Create(dsn.ToString()).ToJsonString()}}}";
        var length = Encoding.UTF8.GetByteCount(payloadJson).ToString(CultureInfo.InvariantCulture);
        var envelope = $"{header}\n{{\"type\":\"event\",\"length\":{length}}}\n{payloadJson}\n";
        using var request = new HttpRequestMessage(HttpMethod.Post, dsn.EnvelopeUrl) { Content = new StringContent(envelope, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-sentry-envelope");
        request.Headers.TryAddWithoutValidation("X-Sentry-Auth", $"Sentry sentry_key={dsn.PublicKey}, sentry_version=7, sentry_client={client}");
        using var response = await http.SendAsync(request, cancellationToken);
        return new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }
}
