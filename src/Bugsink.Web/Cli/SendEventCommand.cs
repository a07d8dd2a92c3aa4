using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bugsink.Sentry.Auth;

namespace Bugsink.Web.Cli;

// `send-event DSN [--message TEXT]`: posts one message event as an envelope, the way an SDK would,
// to check that a DSN works end to end.
public static class SendEventCommand
{
    public static Command Build()
    {
        var dsnArgument = new Argument<string>("dsn") { Description = "The project's DSN." };
        var message = new Option<string?>("--message") { Description = "Message text (default: a test message)." };
        var command = new Command("send-event", "Send a test event to a DSN.") { dsnArgument, message };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!Dsn.TryParse(result.GetValue(dsnArgument), out var dsn))
            {
                Console.Error.WriteLine("Not a valid DSN.");
                return 2;
            }

            var eventId = Guid.NewGuid().ToString("N");
            var text = result.GetValue(message) ?? "Test event from bugsink send-event";
            var payload = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["event_id"] = eventId,
                ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0,
                ["platform"] = "csharp",
                ["level"] = "info",
                ["logentry"] = new Dictionary<string, string> { ["message"] = text },
            });
            var envelope = $"{{\"event_id\":\"{eventId}\"}}\n{{\"type\":\"event\",\"length\":{Encoding.UTF8.GetByteCount(payload)}}}\n{payload}\n";
            var port = dsn.Port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : "";
            var url = $"{dsn.Scheme}://{dsn.Host}{port}{dsn.PathPrefix.TrimEnd('/')}/api/{dsn.ProjectId}/envelope/";
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(envelope, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-sentry-envelope");
            request.Headers.TryAddWithoutValidation("X-Sentry-Auth", $"Sentry sentry_key={dsn.PublicKey}, sentry_version=7, sentry_client=bugsink-cli/1.0");
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                Console.WriteLine($"{(int)response.StatusCode} {body}");
                return response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // A server that is down or unreachable is an answer, not a crash.
                Console.Error.WriteLine($"bugsink: could not reach {url}: {exception.Message}");
                return 1;
            }
        });
        return command;
    }
}
