using System.Diagnostics;
using Bugsink.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Quotas;

public sealed record ScriptRun(int ExitCode, IReadOnlyList<string> Output, string Errors);

// A real Sentry SDK outside .NET, driven by a short script: Debian's python3-sentry-sdk under
// /usr/bin/python3, or @sentry/node from tests/e2e/node/node_modules (installed by .ci/run with npm ci).
// Without the tool a test says so and passes, unless BUGSINK_REQUIRE_ALL_TESTS=1, where that fails.
public sealed class ScriptedSdk
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);
    private static readonly string[] NodePaths = ["/usr/bin/node", "/usr/local/bin/node"];
    private readonly string _program;
    private readonly string[] _arguments;
    private readonly string _workingDirectory;

    private ScriptedSdk(string program, string[] arguments, string workingDirectory)
    {
        _program = program;
        _arguments = arguments;
        _workingDirectory = workingDirectory;
    }

    public static async Task<ScriptedSdk?> PythonAsync(ITestOutputHelper output)
    {
        const string python = "/usr/bin/python3";
        var available = File.Exists(python) && (await new ScriptedSdk(python, ["-c"], Path.GetTempPath()).RunAsync("import sentry_sdk", new Dictionary<string, string>())).ExitCode == 0;
        return available ? new ScriptedSdk(python, ["-c"], Path.GetTempPath()) : Missing(output, "Debian's python3-sentry-sdk (apt-get install python3-sentry-sdk)");
    }

    public static ScriptedSdk? Node(ITestOutputHelper output)
    {
        var folder = RepositoryRoot() is { } root ? Path.Combine(root, "tests", "e2e", "node") : null;
        var node = NodePaths.FirstOrDefault(File.Exists);
        return folder is not null && node is not null && Directory.Exists(Path.Combine(folder, "node_modules", "@sentry", "node"))
            // `node -e` resolves require() from the working directory, here the e2e folder's node_modules.
            ? new ScriptedSdk(node, ["-e"], folder)
            : Missing(output, "node with @sentry/node (npm ci in tests/e2e/node)");
    }

    // Runs the script with these environment variables, within a minute.
    public async Task<ScriptRun> RunAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(_program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _workingDirectory,
        };
        foreach (var argument in (string[])[.. _arguments, script])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = new Process { StartInfo = start };
        var lines = new List<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(RunTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill();
            throw;
        }

        var errorText = await errors;
        lock (lines)
        {
            return new ScriptRun(process.ExitCode, [.. lines], errorText);
        }
    }

    private static ScriptedSdk? Missing(ITestOutputHelper output, string what)
    {
        var message = $"{what} is missing: this SDK test did not run.";
        Assert.False(SampleEvents.RequireAll, message);
        output.WriteLine("SKIPPED: " + message);
        return null;
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bugsink.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
