using System.Globalization;
using Bugsink.Benchmarks.Load;
using Bugsink.Benchmarks.Payloads;

namespace Bugsink.Benchmarks;

// The command line, parsed by hand: a dozen flat flags do not need a parser library.
public sealed record BenchmarkOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project tests/Bugsink.Benchmarks -- [options]
          --quick                  3 s of load, 200 groups (a smoke test; nothing is asserted)
          --size small|large       ~4 KB or ~50 KB events (default small)
          --encoding gzip|none     gzip + X-Sentry-Auth like the .NET SDK, or plain + query key like the browser SDK
          --connections N          concurrent HTTP/1.1 connections, one request in flight each (default 32)
          --duration S | --count N length of the measured load (default 20 s)
          --groups K               distinct issues the events fall into (default 1000)
          --skip-baseline          do not measure the bare Kestrel baseline
          --skip-ingest-alone      do not restart the server with the digest paused to measure ingest alone
          --url URL --dsn DSN      load an already running server instead of starting one
          --data-dir DIR           with --url: that server's data folder, to measure digest lag and disk use
          --login EMAIL:PASSWORD   with --url: an account to time the issue pages with
          --server-dll PATH        bugsink.dll to start (default: the copy beside this benchmark)
          --keep-data              do not delete the temporary data folder afterwards
          --default-retention      keep the project's default event cap (eviction runs during the load)
          --sample                 print one generated envelope (uncompressed) and exit
          --seed-events N --seed-issues M
                                   fill a data folder (--data-dir, else a temporary one) with N events in M
                                   issues straight into SQLite, then time the issue pages on it (no load)
          --time-pages DIR         time the issue pages on a folder seeded earlier (after a rebuild, say)
          --scenario backup        with --data-dir (seeded): ingest latency with no backup, during `bugsink
                                   backup` and during `backup --method vacuum` (baseline for --duration)
          --scenario sourcemaps    JavaScript events to two projects, one with their source maps uploaded: the digest
                                   (queued, then drained) and end to end, alternating segments, as ratios
          --scenario channels      the same with five alert channels (receivers on loopback) on one project
                                   (--count: events per segment, default 10,000; --groups: new issues per segment)
          --server-setting KEY=VALUE
                                   passed to the paired scenarios' server as --KEY=VALUE (repeatable)
          --backup-pages N --backup-pause-ms N
                                   the backup API's pacing for --scenario backup (default: the CLI's)
        """;

    public bool Quick { get; init; }

    public EventProfile Profile { get; init; } = EventProfile.Small;

    public PayloadEncoding Encoding { get; init; } = PayloadEncoding.Gzip;

    public int Connections { get; init; } = 32;

    public LoadLimit Limit { get; init; } = LoadLimit.ForDuration(TimeSpan.FromSeconds(20));

    public int Groups { get; init; } = 1000;

    public bool SkipBaseline { get; init; }

    public bool SkipIngestAlone { get; init; }

    public Uri? Url { get; init; }

    public string? Dsn { get; init; }

    public string? DataDir { get; init; }

    public (string Email, string Password)? Login { get; init; }

    public string? ServerDll { get; init; }

    public bool KeepData { get; init; }

    public bool PrintSample { get; init; }

    public bool DefaultRetention { get; init; }

    public long SeedEvents { get; init; }

    public int SeedIssues { get; init; }

    public string? TimePagesDir { get; init; }

    public string? Scenario { get; init; }

    public int? BackupPagesPerStep { get; init; }

    public int? BackupPauseMs { get; init; }

    public IReadOnlyList<string> ServerSettings { get; init; } = [];

    public bool Seeding => SeedIssues > 0 || TimePagesDir is not null;

    public bool ExternalServer => Url is not null;

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        bool groupsGiven = false, limitGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value");
            int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{arg} needs a positive whole number");
            options = arg switch
            {
                "--quick" => options with { Quick = true },
                "--size" => options with { Profile = EventProfile.Parse(Value()) },
                "--encoding" => options with { Encoding = ParseEncoding(Value()) },
                "--connections" => options with { Connections = Number() },
                "--duration" => options with { Limit = LoadLimit.ForDuration(TimeSpan.FromSeconds(Number())) },
                "--count" => options with { Limit = LoadLimit.ForCount(Number()) },
                "--groups" => options with { Groups = Math.Min(Number(), EventVocabulary.MaxDistinctGroups) },
                "--skip-baseline" => options with { SkipBaseline = true },
                "--skip-ingest-alone" => options with { SkipIngestAlone = true },
                "--url" => options with { Url = new Uri(Value().TrimEnd('/') + "/") },
                "--dsn" => options with { Dsn = Value() },
                "--data-dir" => options with { DataDir = Path.GetFullPath(Value()) },
                "--login" => options with { Login = ParseLogin(Value()) },
                "--server-dll" => options with { ServerDll = Value() },
                "--keep-data" => options with { KeepData = true },
                "--sample" => options with { PrintSample = true },
                "--default-retention" => options with { DefaultRetention = true },
                "--seed-events" => options with { SeedEvents = long.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException("--seed-events needs a whole number") },
                "--seed-issues" => options with { SeedIssues = Number() },
                "--time-pages" => options with { TimePagesDir = Path.GetFullPath(Value()) },
                "--scenario" => options with { Scenario = Value() is var scenario && scenario is "backup" or "sourcemaps" or "channels" ? scenario : throw new ArgumentException("--scenario knows 'backup', 'sourcemaps' and 'channels'") },
                "--server-setting" => options with { ServerSettings = [.. options.ServerSettings, "--" + Value()] },
                "--backup-pages" => options with { BackupPagesPerStep = Number() },
                "--backup-pause-ms" => options with { BackupPauseMs = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : throw new ArgumentException("--backup-pause-ms needs a whole number") },
                _ => throw new ArgumentException($"unknown option '{arg}'"),
            };
            groupsGiven |= arg == "--groups";
            limitGiven |= arg is "--duration" or "--count";
        }

        if (options.Quick)
        {
            options = options with
            {
                Groups = groupsGiven ? options.Groups : 200,
                Limit = limitGiven ? options.Limit : LoadLimit.ForDuration(TimeSpan.FromSeconds(3)),
            };
        }

        if (options.SeedEvents > 0 && options.SeedIssues == 0)
        {
            throw new ArgumentException("--seed-events needs --seed-issues");
        }

        if (options.Url is null != options.Dsn is null)
        {
            throw new ArgumentException("--url and --dsn go together");
        }

        return options;
    }

    private static (string, string) ParseLogin(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? (value[..colon], value[(colon + 1)..]) : throw new ArgumentException("--login needs EMAIL:PASSWORD");
    }

    private static PayloadEncoding ParseEncoding(string value) => value switch
    {
        "gzip" => PayloadEncoding.Gzip,
        "none" => PayloadEncoding.None,
        _ => throw new ArgumentException($"unknown encoding '{value}' (use gzip or none)"),
    };
}
