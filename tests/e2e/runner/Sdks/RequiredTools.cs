using System.Diagnostics;

namespace Bugsink.E2E.Sdks;

// Whether an SDK program can run here: its files exist and its commands (node, python3…) answer.
public static class RequiredTools
{
    // Null when everything is there, else what is missing, for the report.
    public static async Task<string?> MissingAsync(SdkSpec spec, string root)
    {
        var missing = spec.RequiredFiles.Where(f => !File.Exists(Path.IsPathRooted(f) ? f : Path.Combine(root, f))).ToList();
        foreach (var (fileName, arguments) in spec.RequiredCommands)
        {
            if (!await CommandWorksAsync(fileName, arguments))
            {
                missing.Add($"`{fileName} {string.Join(' ', arguments)}`");
            }
        }

        return missing.Count == 0 ? null : string.Join(", ", missing);
    }

    private static async Task<bool> CommandWorksAsync(string fileName, string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode == 0;
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            return false;
        }
    }
}
