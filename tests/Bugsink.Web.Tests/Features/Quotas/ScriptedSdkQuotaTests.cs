using System.Text.Json;
using Bugsink.Web.Tests.Features.Retention;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Quotas;

// The real Python and JavaScript SDKs against a project quota, as SentrySdkQuotaTests does for .NET:
// each gets the 429, reads our headers by its own rules (Python int()s the seconds, JavaScript
// parseInt's them), sends nothing at all until Retry-After has passed, then sends again.
[Collection(SequentialServers.Name)]
public sealed class ScriptedSdkQuotaTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Python 1.9 posts plain events to /store/; a client report would add a request of its own.
    private const string PythonScript = """
        import json, os, time
        from datetime import datetime
        import sentry_sdk
        sentry_sdk.init(dsn=os.environ["DSN"], default_integrations=False, auto_session_tracking=False, send_client_reports=False, debug=True)
        def send(text):
            event_id = sentry_sdk.capture_message(text)
            sentry_sdk.flush(timeout=10)
            return event_id
        for text in ["accepted 1", "accepted 2", "over the quota"]:
            send(text)
        limited_at = time.monotonic()
        limits = sentry_sdk.Hub.current.client.transport._disabled_until
        print("LIMITS " + json.dumps({str(k): round((v - datetime.utcnow()).total_seconds()) for k, v in limits.items()}), flush=True)
        for i in range(4):
            send("held back %d" % i)
            time.sleep(0.3)
        time.sleep(max(0, 3.3 - (time.monotonic() - limited_at)))
        print("AFTER " + send("after the limit"), flush=True)
        """;

    private const string NodeScript = """
        const Sentry = require('@sentry/node');
        const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
        (async () => {
          Sentry.init({ dsn: process.env.DSN, defaultIntegrations: false, sendClientReports: false, debug: true });
          const send = async text => { const id = Sentry.captureMessage(text); await Sentry.flush(10000); return id; };
          for (const text of ['accepted 1', 'accepted 2', 'over the quota']) await send(text);
          const limitedAt = Date.now();
          for (let i = 0; i < 4; i++) { await send('held back ' + i); await sleep(300); }
          await sleep(Math.max(0, 3300 - (Date.now() - limitedAt)));
          console.log('AFTER ' + await send('after the limit'));
          await Sentry.close(2000);
        })();
        """;

    // Three seconds before the minute ends: the quota's Retry-After is 3 s, short enough to wait out.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 15, 10, 20, 57, TimeSpan.Zero));
    private readonly IngestRequestLog _requests = new();
    private BugsinkTestServer _server = null!;
    private TestProject _project = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync(services =>
        {
            services.AddSingleton<TimeProvider>(_time);
            services.AddSingleton<IStartupFilter>(_requests);
        });
        _project = await _server.CreateProjectAsync("Scripted Sdk Quota");
        RetentionEvents.SetProject(_server, _project.Id, "QuotaPerMinute = 2");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Python_OverQuota_ReadsTheIntegerSeconds_AndBacksOffUntilRetryAfter()
    {
        if (await ScriptedSdk.PythonAsync(output) is not { } python)
        {
            return;
        }

        var run = await RunAsync(python, PythonScript);

        // The SDK's own reading of "3::project": every category (None) held back for 3 s from the answer.
        var limits = JsonDocument.Parse(Assert.Single(run.Output, line => line.StartsWith("LIMITS ", StringComparison.Ordinal))["LIMITS ".Length..]).RootElement;
        var all = Assert.Single(limits.EnumerateObject());
        Assert.Equal("None", all.Name);
        Assert.InRange(all.Value.GetInt32(), 2, 3);
        Assert.DoesNotContain("Unexpected status code", run.Errors, StringComparison.Ordinal);
        await AssertBackedOffAsync(run);
    }

    [Fact]
    public async Task JavaScript_OverQuota_BacksOffUntilRetryAfter()
    {
        if (ScriptedSdk.Node(output) is not { } node)
        {
            return;
        }

        var run = await RunAsync(node, NodeScript);

        await AssertBackedOffAsync(run);
    }

    // The server's minute ends as soon as the 429 went out, so a request sent too early would get 200
    // and show up as an extra status; only the one after Retry-After may arrive.
    private async Task<ScriptRun> RunAsync(ScriptedSdk sdk, string script)
    {
        using var done = new CancellationTokenSource();
        var minuteEnds = Task.Run(async () =>
        {
            while (_requests.Statuses.Count < 3 && !done.IsCancellationRequested)
            {
                await Task.Delay(10, CancellationToken.None);
            }

            _time.Advance(TimeSpan.FromSeconds(4));
        });
        var run = await sdk.RunAsync(script, new Dictionary<string, string> { ["DSN"] = _project.Dsn });
        await done.CancelAsync();
        await minuteEnds;

        output.WriteLine(string.Join('\n', run.Output));
        Assert.True(run.ExitCode == 0, $"the script failed ({run.ExitCode}):\n{run.Errors}");
        return run;
    }

    private async Task AssertBackedOffAsync(ScriptRun run)
    {
        Assert.Equal([200, 200, 429, 200], _requests.Statuses);
        var after = Assert.Single(run.Output, line => line.StartsWith("AFTER ", StringComparison.Ordinal))["AFTER ".Length..];
        await _server.WaitForEventsAsync(after.Replace("-", "", StringComparison.Ordinal));
    }
}
