using System.CommandLine;
using System.Text.Json;
using Bugsink.Sentry.Auth;
using Bugsink.Sentry.Envelopes;

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
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            try
            {
                var answer = await EventEnvelopeSender.PostAsync(http, dsn, eventId, payload, "bugsink-cli/1.0", cancellationToken);
                Console.WriteLine($"{answer.Status} {answer.Body}");
                return answer.IsSuccess ? 0 : 1;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // A server that is down or unreachable is an answer, not a crash.
                Console.Error.WriteLine($"bugsink: could not reach {dsn.EnvelopeUrl}: {exception.Message}");
                return 1;
            }
        });
        return command;
    }
}
