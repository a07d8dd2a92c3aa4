namespace Bugsink.E2E;

// Command line: [--root DIR] [--server PATH/bugsink.dll] [--only sdk,sdk] [--source auto|api|sqlite] [--artifacts DIR]
public sealed record RunnerOptions
{
    public required string Root { get; init; }

    public required string ServerDll { get; init; }

    public required string Artifacts { get; init; }

    public IReadOnlySet<string>? Only { get; init; }

    public string Source { get; init; } = "auto";

    // Set when the server is to run on PostgreSQL (Bugsink__Database__Provider=Postgres beside it, as
    // tests/e2e/postgres.sh exports them): the server and its CLI commands inherit both variables, and the runner
    // reads the inbox and the dropped counts there instead of inbox.db.
    public string? PostgresConnectionString { get; init; } =
        Environment.GetEnvironmentVariable("Bugsink__Database__ConnectionString") is { Length: > 0 } connection ? connection : null;

    public string Chromium { get; init; } = Environment.GetEnvironmentVariable("E2E_CHROMIUM") ?? "/usr/bin/chromium";

    // Set by .ci/run: a missing tool is then a failure, not a skip (DESIGN.md "Tests").
    public bool RequireAll { get; init; } = Environment.GetEnvironmentVariable("BUGSINK_REQUIRE_ALL_TESTS") == "1";

    public static RunnerOptions Parse(string[] args, string runId)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        var root = Path.GetFullPath(values.GetValueOrDefault("root") ?? FindRoot(Directory.GetCurrentDirectory()));
        return new RunnerOptions
        {
            Root = root,
            ServerDll = Path.GetFullPath(values.GetValueOrDefault("server") ?? Path.Combine(root, "src/Bugsink.Web/bin/Release/net10.0/bugsink.dll")),
            Artifacts = Path.GetFullPath(values.GetValueOrDefault("artifacts") ?? Path.Combine(Path.GetTempPath(), "bugsink-e2e", runId)),
            Only = values.TryGetValue("only", out var only) ? only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal) : null,
            Source = values.GetValueOrDefault("source") ?? "auto",
        };
    }

    private static string FindRoot(string from)
    {
        for (var directory = new DirectoryInfo(from); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Bugsink.sln")))
            {
                return directory.FullName;
            }
        }

        throw new ArgumentException("Run from inside the repository or pass --root.");
    }
}
