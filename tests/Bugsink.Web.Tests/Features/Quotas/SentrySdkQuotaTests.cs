using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Bugsink.Web.Tests.Features.Retention;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sentry.Extensibility;

namespace Bugsink.Web.Tests.Features.Quotas;

// The real .NET SDK against a project quota: it gets the 429, parses the headers without complaint,
// sends nothing at all until Retry-After has passed, then sends again.
[Collection(SequentialServers.Name)]
public sealed class SentrySdkQuotaTests : IAsyncLifetime
{
    // Three seconds before the minute ends: the quota's Retry-After is 3 s, short enough to wait out.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 15, 10, 20, 57, TimeSpan.Zero));
    private readonly IngestRequestLog _requests = new();
    private readonly CapturingLogger _sdkLog = new();
    private BugsinkTestServer _server = null!;
    private TestProject _project = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync(
            services =>
            {
                services.AddSingleton<TimeProvider>(_time);
                services.AddSingleton<IStartupFilter>(_requests);
            });
        _project = await _server.CreateProjectAsync("Sdk Quota");
        RetentionEvents.SetProject(_server, _project.Id, "QuotaPerMinute = 2");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task OverQuota_TheSdkBacksOffUntilRetryAfter_WithoutParseErrors()
    {
        using var client = new SentryClient(new SentryOptions
        {
            Dsn = _project.Dsn,
            Debug = true,
            DiagnosticLevel = SentryLevel.Debug,
            DiagnosticLogger = _sdkLog,
            CacheDirectoryPath = null,
            // Client reports would ride along with the first envelope after the limit and blur the count.
            SendClientReports = false,
        });

        client.CaptureMessage("accepted 1");
        client.CaptureMessage("accepted 2");
        await client.FlushAsync(TimeSpan.FromSeconds(10));
        client.CaptureMessage("over the quota");
        await client.FlushAsync(TimeSpan.FromSeconds(10));
        var limitedSince = Stopwatch.StartNew();
        Assert.Equal([200, 200, 429], _requests.Statuses);

        // Five tries spread over about a second: well inside Retry-After even when CI's parallel tests
        // slow every flush (at 400 ms apart a loaded run once needed more than the 3 s checked below).
        for (var i = 0; i < 5; i++)
        {
            client.CaptureMessage("held back " + i);
            await client.FlushAsync(TimeSpan.FromSeconds(10));
            await Task.Delay(200);
        }

        Assert.True(limitedSince.Elapsed < TimeSpan.FromSeconds(3), "the check ran past Retry-After; the test machine is too slow");
        Assert.Equal(3, _requests.Arrived);

        // Past Retry-After by the SDK's clock, and the server's minute is over too.
        await Task.Delay(TimeSpan.FromSeconds(3.3) - limitedSince.Elapsed);
        _time.Advance(TimeSpan.FromSeconds(4));
        var after = client.CaptureMessage("after the limit");
        await client.FlushAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([200, 200, 429, 200], _requests.Statuses);
        await _server.WaitForEventsAsync(after.ToString());
        var entries = _sdkLog.Entries.ToList();
        // A header the SDK cannot parse throws inside its transport, which logs the exception; the only
        // error it may log here is the refusal itself.
        Assert.Empty(entries.Where(e => e.Exception is not null || ParseFailures.Any(f => e.Message.Contains(f, StringComparison.Ordinal))).Select(e => e.Message));
        Assert.All(entries.Where(e => e.Level >= SentryLevel.Error), e => Assert.Contains("TooManyRequests", e.Message, StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Message.Contains("rate-limited", StringComparison.Ordinal));
    }

    // What sentry-dotnet's RateLimit.Parse throws on a malformed header, and how its worker reports it.
    private static readonly string[] ParseFailures = ["FormatException", "IndexOutOfRangeException", "OverflowException", "Error while processing"];

    private sealed class CapturingLogger : IDiagnosticLogger
    {
        public ConcurrentQueue<(SentryLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public bool IsEnabled(SentryLevel level) => true;

        public void Log(SentryLevel logLevel, string message, Exception? exception = null, params object?[] args)
        {
            string text;
            try
            {
                text = args.Length == 0 ? message : string.Format(CultureInfo.InvariantCulture, message, args);
            }
            catch (FormatException)
            {
                text = message;
            }

            Entries.Enqueue((logLevel, text, exception));
        }
    }
}
