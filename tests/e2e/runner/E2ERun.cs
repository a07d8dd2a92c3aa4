using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Bugsink.E2E.Checks;
using Bugsink.E2E.Data;
using Bugsink.E2E.Pages;
using Bugsink.E2E.Sdks;
using Bugsink.E2E.Server;

namespace Bugsink.E2E;

public static class E2ERun
{
    private static readonly TimeSpan DigestTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(RunnerOptions options, string runId)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(options.Artifacts);
        var specs = Catalogue.All(runId, options.Chromium).Where(s => options.Only?.Contains(s.Name) ?? true).ToList();
        var missing = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            if (await RequiredTools.MissingAsync(spec, options.Root) is { } what)
            {
                missing[spec.Name] = what;
            }
        }

        var results = new List<CheckResult>();
        var dataDir = Path.Combine(options.Artifacts, "data");
        Say($"run {runId}: server {options.ServerDll}; data and logs in {options.Artifacts}");
        await using (var server = await BugsinkServer.StartAsync(options.ServerDll, dataDir, Path.Combine(options.Artifacts, "server.log")))
        {
            Say($"server listening on {server.BaseUrl}");
            var runnable = specs.Where(s => !missing.ContainsKey(s.Name)).ToList();
            // Each SDK starts as soon as its project exists: a CLI command starts a whole host and takes
            // seconds, so the next one overlaps the programs already running. One command at a time, as
            // concurrent create-project commands race to create the Default team.
            var projects = new Dictionary<string, (long ProjectId, string Dsn)>(StringComparer.Ordinal);
            var attachments = runnable.ToDictionary(s => s.Name, _ => MakeAttachment(), StringComparer.Ordinal);
            var running = new List<Task<SdkRun>>();
            foreach (var spec in runnable.OrderBy(s => s.IsBrowser ? 0 : 1))
            {
                projects[spec.Name] = await server.CreateProjectAsync($"e2e-{spec.Name}");
                running.Add(StartSdk(spec, options, projects[spec.Name].Dsn, attachments[spec.Name]));
            }

            var sentinel = await server.CreateProjectAsync("e2e-sentinel");
            var files = new SqliteSource(dataDir);
            IStoreProbe store = options.PostgresConnectionString is { } connection ? new PostgresProbe(connection) : files;
            using var api = await ChooseApiAsync(options, server, store);
            using var browser = new SiteBrowser(server.BaseUrl);
            var loginProblem = await LogInAsync(server, browser);
            var runs = await Task.WhenAll(running);
            foreach (var run in runs)
            {
                Say($"[{run.Spec.Name}] {run.Spec.Description}: ran {run.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s, " +
                    $"exit {(run.TimedOut ? "timeout" : run.ExitCode?.ToString(CultureInfo.InvariantCulture))}, {run.Sends.Count} sends; log {run.LogPath}");
            }

            // One more event, after everything else: the server writes its counts of accepted-and-dropped
            // items (sessions, client reports…) with the next inbox write, and this is that write. Its
            // arrival in the main database also says the digest has caught up.
            await server.SendEventAsync(sentinel.Dsn, $"E2E sentinel {runId}");
            await WaitForDigestAsync(store, sentinel.ProjectId);
            Say($"digest caught up ({clock.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s)");

            foreach (var run in runs)
            {
                var data = api is not null ? await api.ReadAsync(projects[run.Spec.Name].ProjectId) : files.Read(projects[run.Spec.Name].ProjectId);
                results.AddRange(new ScenarioChecks(run.Spec, run, data, attachments[run.Spec.Name]).Evaluate());
                results.AddRange(loginProblem is null
                    ? await PageChecks.RunAsync(run.Spec, browser, projects[run.Spec.Name].ProjectId, attachments[run.Spec.Name])
                    : PageChecks.NotRun(run.Spec, loginProblem, counts: true, skipped: false));
            }
        }

        results.Add(ServerLogCheck.Evaluate(Path.Combine(options.Artifacts, "server.log")));
        foreach (var spec in specs.Where(s => missing.ContainsKey(s.Name)))
        {
            results.AddRange(ScenarioChecks.NotRun(spec, missing[spec.Name], options.RequireAll));
            results.AddRange(PageChecks.NotRun(spec, $"not run: missing {missing[spec.Name]}", counts: options.RequireAll, skipped: !options.RequireAll));
        }

        return Report(results, specs, clock.Elapsed, options.Artifacts);
    }

    private static int Report(List<CheckResult> results, List<SdkSpec> specs, TimeSpan elapsed, string artifacts)
    {
        var width = specs.Max(s => s.Name.Length);
        foreach (var group in specs.Select(s => s.Name).Append("server"))
        {
            foreach (var result in results.Where(r => r.Sdk == group))
            {
                var verdict = result.Passed switch { true => "PASS", false => "FAIL", null => result.Skipped ? "SKIP" : "n/a " };
                var note = result.Passed is null ? $" ({string.Join("; ", result.Problems)})" : "";
                Console.WriteLine($"E2E [{group.PadRight(width)}] {verdict}  {result.Item}{note}");
                if (result.Passed == false)
                {
                    foreach (var problem in result.Problems)
                    {
                        Console.WriteLine($"        - {problem}");
                    }
                }
            }
        }

        var passed = results.Count(r => r.Passed == true);
        var failed = results.Count(r => r.Passed == false);
        var notApplicable = results.Count(r => r.Passed is null && !r.Skipped);
        var skipped = results.Count(r => r.Skipped);
        if (failed == 0)
        {
            try
            {
                Directory.Delete(artifacts, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }

        Say($"{elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s; {notApplicable} items not applicable, {skipped} skipped for missing tools; " +
            (failed == 0 ? "logs and data removed" : $"logs and data kept in {artifacts}"));
        Console.WriteLine($"E2E: {passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private static Task<SdkRun> StartSdk(SdkSpec spec, RunnerOptions options, string dsn, byte[] attachment)
    {
        var attachmentPath = Path.Combine(options.Artifacts, $"{spec.Name}-attachment.bin");
        File.WriteAllBytes(attachmentPath, attachment);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["E2E_DSN"] = dsn,
            ["E2E_MARKER"] = spec.Marker,
            // The e2e.sdk tag the programs set: one program runs as two SDKs (dotnet and dotnet6).
            ["E2E_SDK"] = spec.Name,
            ["E2E_RELEASE"] = spec.Release,
            ["E2E_ENVIRONMENT"] = spec.Environment,
            ["E2E_ATTACHMENT"] = attachmentPath,
            ["E2E_CHROMIUM"] = options.Chromium,
        };
        return SdkRun.RunAsync(spec, options.Root, environment, Path.Combine(options.Artifacts, $"{spec.Name}.log"));
    }

    private static async Task<ApiSource?> ChooseApiAsync(RunnerOptions options, BugsinkServer server, IStoreProbe files)
    {
        if (options.PostgresConnectionString is not null && options.Source == "sqlite")
        {
            throw new InvalidOperationException("--source sqlite, but the server runs on PostgreSQL (Bugsink__Database__ConnectionString).");
        }

        if (options.Source == "sqlite")
        {
            Say("checking the SQLite files directly (--source sqlite)");
            return null;
        }

        var token = await server.TryCreateTokenAsync();
        if (token is not null && await ApiSource.AnswersAsync(server.BaseUrl, token))
        {
            Say("checking through the JSON API /api/canonical/0/ (only the counts of accepted-and-dropped items come from inbox.db: the API has none) and the HTML pages");
            return new ApiSource(server.BaseUrl, token, files);
        }

        if (options.Source == "api" || options.PostgresConnectionString is not null)
        {
            throw new InvalidOperationException("--source api (or PostgreSQL), but this server has no working create-token or JSON API.");
        }

        Say("checking the SQLite files directly (this server has no working create-token or JSON API)");
        return null;
    }

    // A real account, made with the CLI as an operator would, then the login form: the pages are read
    // as that person sees them. Null when logged in, else why not (every page item then fails with it).
    private static async Task<string?> LogInAsync(BugsinkServer server, SiteBrowser browser)
    {
        const string email = "e2e-admin@example.com";
        var password = "e2e-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        try
        {
            await server.CreateUserAsync(email, password);
            await browser.LogInAsync(email, password);
            Say($"logged in to the pages as {email}");
            return null;
        }
        catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or TaskCanceledException)
        {
            Say($"could not log in to the pages: {exception.Message}");
            return $"could not log in: {exception.Message}";
        }
    }

    private static async Task WaitForDigestAsync(IStoreProbe files, long sentinelProject)
    {
        var deadline = DateTime.UtcNow + DigestTimeout;
        while (files.PendingInInbox() > 0 || files.EventCount(sentinelProject) == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                Say($"the digest did not catch up within {DigestTimeout.TotalSeconds} s; checking what is there");
                return;
            }

            await Task.Delay(200);
        }
    }

    // Every byte value, newlines and NULs included (framing must use the item length), then random bytes.
    private static byte[] MakeAttachment()
    {
        var bytes = new byte[4096];
        RandomNumberGenerator.Fill(bytes);
        for (var i = 0; i < 256; i++)
        {
            bytes[i] = (byte)i;
        }

        return bytes;
    }

    private static void Say(string text) => Console.WriteLine("E2E " + text);
}
