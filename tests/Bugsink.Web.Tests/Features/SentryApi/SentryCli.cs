using System.Diagnostics;
using Bugsink.Web.Tests.Features.Deployment;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.SentryApi;

public sealed record CliRun(int ExitCode, string Output)
{
    public override string ToString() => $"exit {ExitCode}:\n{Output}";
}

// The real sentry-cli, from the npm packages pinned in tests/sentry-cli (npm ci there, as .ci/run
// does): 3.x as @sentry/cli, 2.x as the alias sentry-cli-2. Without them a test says so and is
// skipped, unless BUGSINK_REQUIRE_ALL_TESTS=1, where that is a failure.
public sealed class SentryCli(string binary, BugsinkTestServer server, string token, string project)
{
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static SentryCli V3(BugsinkTestServer server, string token, string project) =>
        new(Find("node_modules/@sentry/cli/bin/sentry-cli"), server, token, project);

    public static SentryCli V2(BugsinkTestServer server, string token, string project) =>
        new(Find("node_modules/sentry-cli-2/bin/sentry-cli"), server, token, project);

    public async Task<CliRun> RunAsync(string? workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Everything from the environment, as a CI job sets it; nothing from a ~/.sentryclirc.
        start.Environment["SENTRY_URL"] = server.BaseAddress.ToString();
        start.Environment["SENTRY_AUTH_TOKEN"] = token;
        start.Environment["SENTRY_ORG"] = "bugsink";
        start.Environment["SENTRY_PROJECT"] = project;
        start.Environment["SENTRY_HTTP_MAX_RETRIES"] = "0";
        start.Environment["SENTRYCLI_SKIP_DOWNLOAD"] = "1";
        start.Environment["HOME"] = workingDirectory ?? Path.GetTempPath();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await output + await error);
    }

    private static string Find(string relative)
    {
        var path = Path.Combine(RepositoryFiles.Root, "tests", "sentry-cli", relative);
        if (!File.Exists(path))
        {
            var message = $"{path} is missing (cd tests/sentry-cli && npm ci): this sentry-cli test did not run.";
            Assert.False(SampleEvents.RequireAll, message);
            Skip.If(true, message);
        }

        return path;
    }
}

// A small "minified" script with a valid source map, written into a fresh folder: what a bundler
// leaves in dist/ before sentry-cli sourcemaps inject and upload.
public static class MinifiedApp
{
    public const string Source = "function add(left, right) {\n  return left + right;\n}\nadd(1, 2);\n";

    public static string Write(string name = "app.min.js")
    {
        var folder = Path.Combine(Path.GetTempPath(), "bugsink-tests", "sentry-cli-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name), $"function add(n,r){{return n+r}}add(1,2);\n//# sourceMappingURL={name}.map\n");
        var map = $$"""
            {"version":3,"file":"{{name}}","sources":["../src/app.js"],"sourcesContent":[{{System.Text.Json.JsonSerializer.Serialize(Source)}}],
             "names":["add","left","right"],"mappings":"AAAA,SAASA,IAAI,CAAC"}
            """;
        File.WriteAllText(Path.Combine(folder, name + ".map"), map);
        return folder;
    }
}
