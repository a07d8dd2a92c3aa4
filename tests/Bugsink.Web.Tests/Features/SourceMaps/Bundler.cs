using System.Diagnostics;
using System.Text.RegularExpressions;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.SourceMaps;

// One stack frame as V8 printed it (1-based line and column), innermost first.
public sealed record V8Frame(string? Function, string File, int Line, int Column);

// Real bundlers from tests/sourcemaps/node_modules (installed by .ci/run with npm ci): the test writes
// small sources into a temporary folder, builds them with esbuild, terser or webpack, and runs the
// result under node to get the positions an SDK would report.
public sealed partial class Bundler : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);
    private readonly string _tools;

    private Bundler(string tools)
    {
        _tools = tools;
        Directory = Path.Combine(Path.GetTempPath(), "bugsink-sourcemaps-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "src"));
    }

    public string Directory { get; }

    public string Output => Path.Combine(Directory, "dist", "app.min.js");

    // Null (the test then returns) when node or the npm packages are missing, unless
    // BUGSINK_REQUIRE_ALL_TESTS=1, where that fails.
    public static Bundler? Create()
    {
        var tools = Path.Combine(RepositoryRoot(), "tests", "sourcemaps");
        var available = File.Exists("/usr/bin/node") && System.IO.Directory.Exists(Path.Combine(tools, "node_modules", "esbuild"))
            && System.IO.Directory.Exists(Path.Combine(tools, "node_modules", "terser")) && System.IO.Directory.Exists(Path.Combine(tools, "node_modules", "webpack"));
        Assert.False(!available && SampleEvents.RequireAll, "node or tests/sourcemaps/node_modules is missing (npm ci in tests/sourcemaps)");
        return available ? new Bundler(tools) : null;
    }

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public string Source(string name) => File.ReadAllText(Path.Combine(Directory, "src", name));

    public async Task BuildAsync(string tool)
    {
        var (exit, _, errors) = await RunAsync(Path.Combine(_tools, "build.js"), tool, Directory);
        Assert.True(exit == 0, "build with " + tool + " failed: " + errors);
    }

    // The frames of the error the built file throws, innermost first, in that file only.
    public async Task<IReadOnlyList<V8Frame>> StackAsync(string? file = null)
    {
        file ??= Output;
        var (exit, output, errors) = await RunAsync(Path.Combine(_tools, "stack.js"), file);
        Assert.True(exit == 0, errors);
        return [.. output.Split('\n').Select(l => FrameLine().Match(l)).Where(m => m.Success)
            .Select(m => new V8Frame(m.Groups["fn"].Success ? m.Groups["fn"].Value : null, m.Groups["file"].Value,
                int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(m.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(f => f.File == file)];
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    // 0-based line and column of the first occurrence of marker in text.
    public static (int Line, int Column) PositionOf(string text, string marker)
    {
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, "marker not found: " + marker);
        var line = text[..index].Count(c => c == '\n');
        return (line, index - (text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1));
    }

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(RunTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await errors);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bugsink.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }

    [GeneratedRegex(@"^\s+at (?:(?<fn>[^\s(][^(]*?) \()?(?<file>[^()]+?):(?<line>\d+):(?<col>\d+)\)?\s*$")]
    private static partial Regex FrameLine();
}
