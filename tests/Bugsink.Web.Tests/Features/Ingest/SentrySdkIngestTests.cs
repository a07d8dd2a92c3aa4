using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Ingest;

// The real Sentry .NET SDK (NuGet Sentry 6.12.x), unmodified, sending over a loopback socket.
[Collection(SequentialServers.Name)]
public sealed class SentrySdkIngestTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;
    private TestProject _project = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync();
        _project = await _server.CreateProjectAsync("Sdk App");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private SentryClient NewClient() => new(NewOptions());

    private SentryOptions NewOptions() => new()
    {
        Dsn = _project.Dsn,
        Release = "sdk-app@1.2.3",
        Environment = "test",
        // The SDK's own retry/caching would hide a refused envelope.
        CacheDirectoryPath = null,
        SendClientReports = true,
    };

    [Fact]
    public async Task ExceptionMessageAndAttachment_AreStored()
    {
        using var client = NewClient();
        SentryId exceptionId;
        try
        {
            try
            {
                throw new InvalidOperationException("inner cause 17");
            }
            catch (InvalidOperationException inner)
            {
                throw new InvalidDataException("Order 42 could not be saved", inner);
            }
        }
        catch (InvalidDataException exception)
        {
            var scope = new Scope(NewOptions());
            scope.AddAttachment("log line 1\nlog line 2\n"u8.ToArray(), "app.log", AttachmentType.Default, "text/plain");
            exceptionId = client.CaptureEvent(new SentryEvent(exception), scope);
        }

        var messageId = client.CaptureMessage("Cache warm-up took too long", SentryLevel.Warning);
        await client.FlushAsync(TimeSpan.FromSeconds(10));
        var exceptionEventId = exceptionId.ToString();
        await _server.WaitForEventsAsync(exceptionEventId, messageId.ToString());

        Assert.Equal(1, _server.Count("SELECT count(*) FROM Events WHERE EventId = $id AND Release = $release", ("$id", exceptionEventId), ("$release", "sdk-app@1.2.3")));
        Assert.Equal(1, _server.Count("SELECT count(*) FROM Events WHERE EventId = $id AND Level = 'warning'", ("$id", messageId.ToString())));
        Assert.Equal(1, _server.Count(
            "SELECT count(*) FROM EventAttachments WHERE EventId = $id AND Filename = 'app.log' AND length(Data) = 22", ("$id", exceptionEventId)));
        Assert.Equal(1, _server.Count(
            "SELECT count(*) FROM Issues i JOIN Events e ON e.IssueId = i.Id WHERE e.EventId = $id AND i.Title LIKE 'System.IO.InvalidDataException: Order 42%'",
            ("$id", exceptionEventId)));
    }

    [Fact]
    public async Task SameEventSentTwice_IsStoredOnce()
    {
        using var client = NewClient();
        var sentryEvent = new SentryEvent(new InvalidOperationException("twice"));
        client.CaptureEvent(sentryEvent);
        await client.FlushAsync(TimeSpan.FromSeconds(10));
        client.CaptureEvent(sentryEvent);
        await client.FlushAsync(TimeSpan.FromSeconds(10));
        await _server.WaitForDigestAsync();
        Assert.Equal(1, _server.Count("SELECT count(*) FROM Events WHERE EventId = $id", ("$id", sentryEvent.EventId.ToString())));
    }
}
