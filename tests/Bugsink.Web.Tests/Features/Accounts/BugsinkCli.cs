using System.Diagnostics;

namespace Bugsink.Web.Tests.Features.Accounts;

public sealed record CliResult(int ExitCode, string Output, string Errors)
{
    public string LastLine => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
}

// Runs `bugsink CMD …` in its own process, the way an operator does, typically while a server runs
// on the same data folder.
public static class BugsinkCli
{
    public static Task<CliResult> RunAsync(string dataDir, params string[] args) =>
        RunInAsync(AppContext.BaseDirectory, [.. args, $"--Bugsink:DataDir={dataDir}"]);

    // Exactly these arguments, started in workingDirectory (no data folder added).
    public static Task<CliResult> RunInAsync(string workingDirectory, params string[] args) =>
        RunWithAsync(workingDirectory, new Dictionary<string, string>(), args);

    // The same, with these environment variables set for the command.
    public static async Task<CliResult> RunWithAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "bugsink.dll"), .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new CliResult(process.ExitCode, output, await errors);
    }
}
