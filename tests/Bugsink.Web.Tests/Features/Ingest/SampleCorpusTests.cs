using System.Text.Json;
using Bugsink.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Ingest;

// Every payload of the shared corpus (KNOWN-BROKEN ones included) is accepted through /store/ and
// inside an envelope, each request in another Content-Encoding, and every one is digested.
[Collection(SequentialServers.Name)]
public sealed class SampleCorpusTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] Encodings = BodyEncodings.All;
    private BugsinkTestServer _server = null!;
    private TestProject _project = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync();
        _project = await _server.CreateProjectAsync("Corpus");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [SkippableFact]
    public async Task EverySample_IsAcceptedViaStoreAndEnvelope_AndDigested()
    {
        if (!SampleEvents.Available(output))
        {
            return;
        }

        var failures = new List<string>();
        var accepted = 0;
        var n = 0;
        foreach (var file in SampleEvents.Files)
        {
            var json = await File.ReadAllBytesAsync(file);
            // Give each copy its own id so the store and envelope copies are two events, not a duplicate.
            var storeId = Envelopes.NewEventId();
            var envelopeId = Envelopes.NewEventId();
            foreach (var (path, body, id) in new[]
            {
                ($"/api/{_project.Id}/store/", WithEventId(json, storeId), storeId),
                ($"/api/{_project.Id}/envelope/", Envelopes.EventEnvelope(envelopeId, System.Text.Encoding.UTF8.GetString(WithEventId(json, envelopeId))), envelopeId),
            })
            {
                var encoding = Encodings[n++ % Encodings.Length];
                var answer = await _server.Http.PostAsync(path, BodyEncodings.Encode(body, encoding), IngestClient.AuthFor(_project), encoding);
                if (answer.Status != 200)
                {
                    failures.Add($"{Path.GetFileName(file)} {path} {encoding}: {answer.Status} {answer.Body}");
                }
                else
                {
                    accepted++;
                }
            }
        }

        Assert.Empty(failures);
        await _server.WaitForDigestAsync(TimeSpan.FromSeconds(120));
        var stored = _server.Count("SELECT count(*) FROM Events WHERE ProjectId = $p", ("$p", _project.Id));
        var issues = _server.Count("SELECT count(*) FROM Issues WHERE ProjectId = $p", ("$p", _project.Id));
        output.WriteLine($"{SampleEvents.Files.Count} samples, {accepted} requests accepted, {stored} events stored, {issues} issues");
        Assert.Equal(accepted, stored);
    }

    private static byte[] WithEventId(byte[] json, string eventId)
    {
        using var document = JsonDocument.Parse(json);
        using var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("event_id", eventId);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name != "event_id")
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return output.ToArray();
    }
}
