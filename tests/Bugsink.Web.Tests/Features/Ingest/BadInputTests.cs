using System.IO.Compression;
using System.Text;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Ingest;

// Hostile or broken input gets its 4xx with a JSON message, and the server keeps serving.
[Collection(SequentialServers.Name)]
public sealed class BadInputTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;
    private TestProject _project = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync();
        _project = await _server.CreateProjectAsync("Bad Input");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string Path => $"/api/{_project.Id}/envelope/";

    private Task<IngestAnswer> PostAsync(byte[] body, string? encoding = null) =>
        _server.Http.PostAsync(Path, body, IngestClient.AuthFor(_project), encoding);

    private async Task AssertStillServingAsync()
    {
        var answer = await PostAsync(Envelopes.EventEnvelope(Envelopes.NewEventId()));
        Assert.Equal(200, answer.Status);
    }

    private static void AssertJsonDetail(IngestAnswer answer) =>
        Assert.False(string.IsNullOrWhiteSpace(answer.Json.GetProperty("detail").GetString()));

    [Fact]
    public async Task TruncatedEnvelope_Returns400WithCauses()
    {
        var full = Envelopes.EventEnvelope(Envelopes.NewEventId());
        var answer = await PostAsync(full[..(full.Length - 20)]);
        Assert.Equal(400, answer.Status);
        AssertJsonDetail(answer);
        Assert.True(answer.Json.GetProperty("causes").GetArrayLength() > 0);
        await AssertStillServingAsync();
    }

    [Theory]
    [InlineData("this is not an envelope at all")]
    [InlineData("{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}\r\n{\"type\":\"event\"}\n{}")]
    [InlineData("{}\n{\"length\":2}\n{}\n")]
    [InlineData("[1,2,3]\n")]
    public async Task GarbageEnvelope_Returns400(string body)
    {
        var answer = await PostAsync(Encoding.UTF8.GetBytes(body));
        Assert.Equal(400, answer.Status);
        AssertJsonDetail(answer);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task EmptyBody_Returns400()
    {
        var answer = await PostAsync([]);
        Assert.Equal(400, answer.Status);
        AssertJsonDetail(answer);
    }

    [Fact]
    public async Task GzipBombOfOneGibibyte_Returns413AndServerKeepsServing()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 1024; i++)
            {
                gzip.Write(zeros);
            }
        }

        var answer = await PostAsync(compressed.ToArray(), "gzip");
        Assert.Equal(413, answer.Status);
        AssertJsonDetail(answer);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task InvalidUtf8InHeader_Returns400()
    {
        byte[] body = [.. "{\"event_id\":\""u8, 0xff, 0xfe, .. "\"}\n{\"type\":\"event\"}\n{}"u8];
        var answer = await PostAsync(body);
        Assert.Equal(400, answer.Status);
        AssertJsonDetail(answer);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task FiveMebibyteEvent_Returns413()
    {
        var eventId = Envelopes.NewEventId();
        var huge = $$"""{"event_id":"{{eventId}}","message":"{{new string('x', 5 * 1024 * 1024)}}"}""";
        var answer = await PostAsync(Envelopes.EventEnvelope(eventId, huge));
        Assert.Equal(413, answer.Status);
        AssertJsonDetail(answer);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task JsonNestedTenThousandDeep_Returns400()
    {
        var eventId = Envelopes.NewEventId();
        var deep = $$"""{"event_id":"{{eventId}}","extra":{{new string('[', 10_000)}}{{new string(']', 10_000)}}}""";
        var answer = await PostAsync(Envelopes.EventEnvelope(eventId, deep));
        Assert.Equal(400, answer.Status);
        AssertJsonDetail(answer);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task UnknownContentEncoding_Returns415()
    {
        var answer = await PostAsync(Envelopes.EventEnvelope(Envelopes.NewEventId()), "snappy");
        Assert.Equal(415, answer.Status);
        AssertJsonDetail(answer);
    }

    [Fact]
    public async Task CorruptGzip_Returns400()
    {
        var answer = await PostAsync([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9], "gzip");
        Assert.Equal(400, answer.Status);
        AssertJsonDetail(answer);
    }

    [Fact]
    public async Task InvalidJsonEventInEnvelope_IsAcceptedAndKeptRaw()
    {
        var eventId = Envelopes.NewEventId();
        var answer = await PostAsync(Envelopes.EventEnvelope(eventId, "{this is not json"));
        Assert.Equal(200, answer.Status);
        await _server.WaitForDigestAsync();
        Assert.Equal(1, _server.Count("SELECT count(*) FROM Events WHERE EventId = $id AND IsParsable = 0", ("$id", eventId)));
    }
}
