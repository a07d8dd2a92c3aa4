using System.Collections.Concurrent;
using System.Globalization;
using Bugsink.Benchmarks.Servers;

namespace Bugsink.Benchmarks.Paired;

// Issue 23: the "with" project has one channel of every kind, each pointing at a receiver on loopback
// (a Kestrel app in this process) that answers 200, with every alert switched on.
public sealed class ChannelVariant : IPairedVariant
{
    private static readonly string[] Kinds = ["slack", "mattermost", "discord", "teams", "webhook"];
    private static readonly string[] EveryAlert = ["new", "regression", "unmute", "volume"];
    private readonly ConcurrentDictionary<string, int> _received = new();
    private WebApplication? _receiver;
    private Uri? _receiverUrl;

    public string Title => "JavaScript events, ingest and digest with and without alert channels (5 kinds, receivers answering 200)";

    public string WithLabel => "5 channels";

    public string WithoutLabel => "no channels";

    public IReadOnlyList<string> ServerSettings => ["--Bugsink:Outbound:AllowedNetworks=127.0.0.1/32"];

    public async Task SetUpAsync(HttpClient api, long projectId)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        _receiver = builder.Build();
        _receiver.MapPost("/{kind}", async (string kind, HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            _received.AddOrUpdate(kind, 1, (_, n) => n + 1);
            return Results.Ok();
        });
        await _receiver.StartAsync();
        _receiverUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        foreach (var kind in Kinds)
        {
            await PairedApi.EnsureAsync(
                await api.PostAsJsonAsync(
                    string.Create(CultureInfo.InvariantCulture, $"api/canonical/0/projects/{projectId}/alert-channels/"),
                    new { name = "bench " + kind, kind, url = new Uri(_receiverUrl, kind).ToString(), secret = "bench-secret", alerts = EveryAlert }),
                "adding the " + kind + " channel");
        }
    }

    public string? Describe() => "Deliveries the receivers answered 200: " +
        string.Join(", ", Kinds.Select(k => k + " " + _received.GetValueOrDefault(k).ToString(CultureInfo.InvariantCulture)));

    public async ValueTask DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }
}
