using System.Globalization;
using System.Text.Json;
using Bugsink.Sentry.Envelopes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using DsnText = Bugsink.Sentry.Auth.Dsn;

namespace Bugsink.Web.Features.Projects;

public sealed record TestEventAnswer(string EventId, int Status, string Detail)
{
    public bool Accepted => Status is >= 200 and < 300;
}

// "Send a test event" on the project page: one small message event posted over HTTP to this server's
// own listening address with the project's key, exactly as an SDK posts it, so it meets everything an
// SDK's event meets (key, disabled project, quotas, back-pressure) and then the inbox, the digest,
// grouping and alerts. Writing into the inbox directly showed "on its way" for events ingest refuses.
public sealed class TestEventSender(IServer server, TimeProvider time)
{
    public const string Message = "Test event sent from the Bugsink project page";

    // One for the process: the sender is scoped, connections to ourselves are worth keeping.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };

    public async Task<TestEventAnswer> SendAsync(long projectId, string publicKey, string userName, CancellationToken cancellationToken)
    {
        var eventId = Guid.NewGuid().ToString("N");
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["event_id"] = eventId,
            ["timestamp"] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            ["platform"] = "other",
            ["level"] = "info",
            ["logger"] = "bugsink.test",
            ["logentry"] = new Dictionary<string, string> { ["message"] = Message },
            ["tags"] = new Dictionary<string, string> { ["sent_by"] = userName },
        });
        var own = OwnAddress();
        var dsn = new DsnText(own.Scheme, publicKey, own.Host, own.Port, "", projectId.ToString(CultureInfo.InvariantCulture));
        var answer = await EventEnvelopeSender.PostAsync(Http, dsn, eventId, payload, "bugsink-test-event/1.0", cancellationToken);
        return new TestEventAnswer(eventId, answer.Status, Detail(answer.Body));
    }

    // The first address Kestrel listens on, http preferred; a wildcard host is reached on loopback.
    private Uri OwnAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase)).FirstOrDefault()
            ?? throw new InvalidOperationException("The server listens on no address.");
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        uri.Host = uri.Host switch
        {
            "0.0.0.0" or "localhost" => "127.0.0.1",
            "[::]" or "::" => "[::1]",
            _ => uri.Host,
        };
        return uri.Uri;
    }

    // Ingest's refusals are {"detail": "..."}; the page shows that sentence, not the JSON.
    private static string Detail(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? detail.GetString()! : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
