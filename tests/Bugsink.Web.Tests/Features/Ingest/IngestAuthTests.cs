using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Ingest;

[Collection(SequentialServers.Name)]
public sealed class IngestAuthTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;
    private TestProject _project = null!;
    private TestProject _other = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync();
        _project = await _server.CreateProjectAsync("Auth App");
        _other = await _server.CreateProjectAsync("Other App");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string Path => $"/api/{_project.Id}/envelope/";

    [Theory]
    [InlineData("Sentry sentry_version=7,sentry_client=sentry.dotnet/6.12.1,sentry_key={0}")]
    [InlineData("Sentry sentry_key={0}, sentry_version=7, sentry_client=sentry.python/2.68.0")]
    [InlineData("SENTRY   sentry_key = {0} ,sentry_version=7.0")]
    public async Task XSentryAuthInAnySpacing_Returns200WithId(string template)
    {
        var eventId = Envelopes.NewEventId();
        var answer = await _server.Http.PostAsync(Path, Envelopes.EventEnvelope(eventId), string.Format(null, template, _project.PublicKey));
        Assert.Equal(200, answer.Status);
        Assert.Equal(eventId, answer.Json.GetProperty("id").GetString());
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task QueryStringKey_Returns200()
    {
        var answer = await _server.Http.PostAsync(
            $"{Path}?sentry_version=7&sentry_key={_project.PublicKey}&sentry_client=sentry.javascript.browser%2F10.0.0", Envelopes.EventEnvelope(Envelopes.NewEventId()));
        Assert.Equal(200, answer.Status);
    }

    [Fact]
    public async Task AuthorizationHeader_Returns200()
    {
        var answer = await _server.Http.PostAsync(Path, Envelopes.EventEnvelope(Envelopes.NewEventId()), headers: ("Authorization", $"Sentry sentry_key={_project.PublicKey}"));
        Assert.Equal(200, answer.Status);
    }

    [Fact]
    public async Task EnvelopeDsnHeaderOnly_Returns200()
    {
        var eventId = Envelopes.NewEventId();
        var body = Envelopes.Implicit(
            $$"""{"event_id":"{{eventId}}","dsn":"{{_project.Dsn}}"}""", ("""{"type":"event"}""", Envelopes.MinimalEvent(eventId)));
        var answer = await _server.Http.PostAsync(Path, body);
        Assert.Equal(200, answer.Status);
    }

    [Fact]
    public async Task NoCredentials_Returns401WithCors()
    {
        var answer = await _server.Http.PostAsync(Path, Envelopes.EventEnvelope(Envelopes.NewEventId()));
        Assert.Equal(401, answer.Status);
        Assert.False(string.IsNullOrEmpty(answer.Json.GetProperty("detail").GetString()));
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task ConflictingKeys_Returns401()
    {
        var answer = await _server.Http.PostAsync(
            $"{Path}?sentry_key={_other.PublicKey}", Envelopes.EventEnvelope(Envelopes.NewEventId()), IngestClient.AuthFor(_project));
        Assert.Equal(401, answer.Status);
    }

    [Fact]
    public async Task EnvelopeDsnDisagreeingWithHeader_Returns401()
    {
        var eventId = Envelopes.NewEventId();
        var body = Envelopes.Implicit($$"""{"event_id":"{{eventId}}","dsn":"{{_other.Dsn}}"}""", ("""{"type":"event"}""", Envelopes.MinimalEvent(eventId)));
        var answer = await _server.Http.PostAsync(Path, body, IngestClient.AuthFor(_project));
        Assert.Equal(401, answer.Status);
    }

    [Fact]
    public async Task UnknownKey_Returns403()
    {
        var answer = await _server.Http.PostAsync(Path, Envelopes.EventEnvelope(Envelopes.NewEventId()), "Sentry sentry_key=0123456789abcdef0123456789abcdef");
        Assert.Equal(403, answer.Status);
    }

    [Fact]
    public async Task KeyOfAnotherProject_Returns403()
    {
        var answer = await _server.Http.PostAsync(Path, Envelopes.EventEnvelope(Envelopes.NewEventId()), IngestClient.AuthFor(_other));
        Assert.Equal(403, answer.Status);
    }

    [Fact]
    public async Task ProtocolVersionAbove7_Returns400()
    {
        var answer = await _server.Http.PostAsync(Path, Envelopes.EventEnvelope(Envelopes.NewEventId()), $"Sentry sentry_key={_project.PublicKey}, sentry_version=8");
        Assert.Equal(400, answer.Status);
    }

    [Fact]
    public async Task Preflight_AllowsPostFromAnyOrigin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, Path);
        request.Headers.Add("Origin", "http://example.test");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        using var response = await _server.Http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("retry-after", response.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PathPrefixAndDoubleSlashes_AreTolerated()
    {
        var answer = await _server.Http.PostAsync(
            $"/errors//api/{_project.Id}/envelope", Envelopes.EventEnvelope(Envelopes.NewEventId()), IngestClient.AuthFor(_project));
        Assert.Equal(200, answer.Status);
    }
}
