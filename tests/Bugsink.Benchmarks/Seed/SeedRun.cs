using System.Globalization;
using Bugsink.Benchmarks.Reporting;
using Bugsink.Benchmarks.Servers;

namespace Bugsink.Benchmarks.Seed;

// `--seed-events N --seed-issues M`: a data folder with that many events and issues, then the issue
// pages timed on it. The server makes the schema (its migrations) and the projects (its CLI), is
// stopped while the seeder writes, and is started again on the full folder, which also times any
// migration that has to run over the seeded rows. `--time-pages DIR` times an already seeded folder.
public static class SeedRun
{
    private const string Marker = "seed.txt";

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var dll = BugsinkServer.FindDll(options.ServerDll);
        var dataDir = options.TimePagesDir ?? options.DataDir ?? Path.Combine(Path.GetTempPath(), "bugsink-seed-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            if (options.TimePagesDir is null)
            {
                await SeedAsync(dll, dataDir, new SeedPlan(options.SeedEvents, options.SeedIssues));
            }

            await TimeAsync(dll, dataDir);
            return 0;
        }
        finally
        {
            if (options.TimePagesDir is null && !options.KeepData && options.DataDir is null && Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    private static async Task SeedAsync(string dll, string dataDir, SeedPlan plan)
    {
        Directory.CreateDirectory(dataDir);
        var projectIds = new List<long>();
        using (var server = await BugsinkServer.StartAsync(dll, dataDir))
        {
            for (var p = 0; p < plan.Projects; p++)
            {
                var dsn = await server.CreateProjectAsync("seeded-" + p.ToString(CultureInfo.InvariantCulture));
                projectIds.Add(long.Parse(new Uri(dsn).AbsolutePath.Trim('/'), CultureInfo.InvariantCulture));
            }
        }

        Console.WriteLine(FormattableString.Invariant($"Seeding {plan.Events:N0} events in {plan.Issues:N0} issues over projects {string.Join(", ", projectIds)} in {dataDir} ..."));
        var result = new DatabaseSeeder(Path.Combine(dataDir, "bugsink.db"), projectIds, plan).Run();
        var size = new FileInfo(Path.Combine(dataDir, "bugsink.db")).Length;
        Console.WriteLine(FormattableString.Invariant(
            $"Seeded {result.Events:N0} events and {result.Issues:N0} issues in {result.Elapsed.TotalSeconds:0.0} s ({result.Events / result.Elapsed.TotalSeconds:N0} events/s); database {size / 1048576.0:N0} MB"));
        // What the page timings need, kept with the folder so --time-pages can run later (after a rebuild).
        await File.WriteAllLinesAsync(Path.Combine(dataDir, Marker),
        [
            string.Join(',', projectIds),
            result.HotIssueId.ToString(CultureInfo.InvariantCulture),
            result.HotEventId,
            result.TypicalIssueId.ToString(CultureInfo.InvariantCulture),
        ]);
    }

    private static async Task TimeAsync(string dll, string dataDir)
    {
        var marker = await File.ReadAllLinesAsync(Path.Combine(dataDir, Marker));
        var projects = marker[0].Split(',');
        var (hotIssue, hotEvent, typicalIssue) = (marker[1], marker[2], marker[3]);
        var starting = System.Diagnostics.Stopwatch.StartNew();
        using var server = await BugsinkServer.StartAsync(dll, dataDir);
        Console.WriteLine(FormattableString.Invariant($"Server up in {starting.Elapsed.TotalSeconds:0.0} s (includes any pending migration) at {server.BaseUrl}"));
        // A fresh administrator per run: the folder may have been seeded by another process, whose
        // generated admin password is gone. `create-user` works while the server runs.
        var account = ("pages-" + Guid.NewGuid().ToString("N")[..8] + "@example.org", "Pages-1-" + Guid.NewGuid().ToString("N")[..12]);
        await DotnetHost.RunToEndAsync([dll, "create-user", account.Item1, "--password", account.Item2, "--admin", "--Bugsink:DataDir=" + dataDir], TimeSpan.FromSeconds(60));
        var nextPage = await SeededPageTimer.NextPageLinkAsync(server.BaseUrl, account, "/issues/?tab=all");
        var pages = new List<(string, string)>
        {
            ("all projects, open, last seen", "/issues/"),
            ("all projects, all, first seen", "/issues/?tab=all&sort=firstseen"),
            ("all projects, all, events", "/issues/?tab=all&sort=eventcount"),
            ("all projects, muted", "/issues/?tab=muted"),
            ("all projects, free text (common)", "/issues/?tab=all&q=Stale"),
            ("all projects, free text (no match)", "/issues/?tab=all&q=Timeout"),
            ("all projects, tag search", "/issues/?tab=all&q=browser:%22Safari%2018%22"),
            ("all projects, release search", "/issues/?tab=all&q=release:shop@4.150.0"),
            ("one project, open", $"/projects/{projects[0]}/issues/"),
            ("detail, hot issue (latest event)", $"/issues/{hotIssue}/"),
            ("detail, hot issue (middle event)", $"/issues/{hotIssue}/events/{hotEvent}/"),
            ("detail, typical issue", $"/issues/{typicalIssue}/"),
        };
        if (nextPage is not null)
        {
            pages.Insert(1, ("all projects, second page", nextPage));
        }

        var timings = await SeededPageTimer.MeasureAsync(server.BaseUrl, account, pages);
        MachineLoad.Print("after timing");

        foreach (var (name, median, worst) in timings)
        {
            Console.WriteLine(FormattableString.Invariant($"  {name,-36} median {median,7:0.0} ms   worst {worst,7:0.0} ms"));
        }
    }
}
