using System.Diagnostics;
using Bugsink.Web.Tests.Features.Accounts;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.RunWrapper;

// `bugsink run` as its own process (bugsink.dll beside the tests) wrapping real interpreters, sending to
// a real server on loopback; the issue is read back from the server's database.
[Collection(SequentialServers.Name)]
public sealed class RunCommandTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;
    private TestProject _project = null!;
    private string _dir = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync();
        _project = await _server.CreateProjectAsync("Run Wrapper");
        _dir = Path.Combine(Path.GetTempPath(), "bugsink-tests", "run-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task FailingPython_ExitCodePassedThrough_IssueFromTraceback()
    {
        var script = Path.Combine(_dir, "fail.py");
        await File.WriteAllTextAsync(script, "import json\ndef load():\n    return json.loads('{bad')\nload()\n");

        var (code, stderr) = await RunAsync("--release", "9.1", "--", "/usr/bin/python3", script);

        Assert.Equal(1, code);
        Assert.Contains("JSONDecodeError", stderr, StringComparison.Ordinal);
        await AssertIssueAsync("JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)", "JSONDecodeError", "python");
    }

    [Fact]
    public async Task FailingNode_IssueFromTraceback()
    {
        var script = Path.Combine(_dir, "fail.js");
        await File.WriteAllTextAsync(script, "function boom() { null.x; }\nboom();\n");

        var (code, _) = await RunAsync("--", "node", script);

        Assert.Equal(1, code);
        await AssertIssueAsync("TypeError: Cannot read properties of null (reading 'x')", "TypeError", "node");
    }

    // A real .NET program, built here once: an unhandled exception with an inner one aborts the
    // runtime (SIGABRT, 134) after printing "Unhandled exception. … ---> …" on stderr.
    [Fact]
    public async Task FailingDotnet_ExitCodePassedThrough_IssueFromTheChainedException()
    {
        var program = Path.Combine(_dir, "dotnet-fail");
        Directory.CreateDirectory(program);
        await File.WriteAllTextAsync(Path.Combine(program, "Fail.csproj"),
            "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
        await File.WriteAllTextAsync(Path.Combine(program, "Program.cs"), """
            static int ReadPort(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            try { ReadPort("eighty"); }
            catch (System.FormatException inner) { throw new System.InvalidOperationException("The configuration is broken", inner); }
            """);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        using (var build = Process.Start(new ProcessStartInfo(dotnet, ["build", program, "-c", "Release", "-o", Path.Combine(program, "out")]) { RedirectStandardOutput = true })!)
        {
            var log = await build.StandardOutput.ReadToEndAsync();
            await build.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            Assert.True(build.ExitCode == 0, log);
        }

        var (code, stderr) = await RunAsync("--", dotnet, Path.Combine(program, "out", "Fail.dll"));

        Assert.Equal(134, code);
        Assert.Contains("---> System.FormatException", stderr, StringComparison.Ordinal);
        await AssertIssueAsync("System.InvalidOperationException: The configuration is broken", "System.InvalidOperationException", "csharp");
    }

    [Fact]
    public async Task PlainFailure_MessageNamesCommandAndCode_OptionsAfterDashesUntouched()
    {
        var (code, _) = await RunAsync("--", "sh", "-c", "echo oops >&2; exit 3", "--release");

        Assert.Equal(3, code);
        await AssertIssueAsync("`sh -c 'echo oops >&2; exit 3' --release` exited with code 3", "Log Message", "other");
    }

    [Fact]
    public async Task SucceedingCommand_SendsNothing()
    {
        var (code, _) = await RunAsync("--", "sh", "-c", "echo fine >&2");

        Assert.Equal(0, code);
        await Task.Delay(1000);
        Assert.Equal(0, _server.Count("SELECT count(*) FROM Issues WHERE ProjectId = $p", ("$p", _project.Id)));
        Assert.Equal(0, _server.Count("SELECT count(*) FROM Events"));
    }

    private async Task AssertIssueAsync(string title, string type, string platform)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (_server.Count("SELECT count(*) FROM Issues WHERE ProjectId = $p", ("$p", _project.Id)) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(1, _server.Count(
            "SELECT count(*) FROM Issues WHERE ProjectId = $p AND Title = $t AND Type = $type AND Platform = $platform",
            ("$p", _project.Id), ("$t", title), ("$type", type), ("$platform", platform)) == 1 ? 1 : throw new Xunit.Sdk.XunitException(Describe()));
    }

    // What the project's issues are, for a failure message.
    private string Describe()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_server.MainDatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Title || ' | ' || Type || ' | ' || Platform FROM Issues";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return "Issues: " + string.Join("; ", rows);
    }

    private async Task<(int Code, string Stderr)> RunAsync(params string[] args)
    {
        var result = await BugsinkCli.RunInAsync(AppContext.BaseDirectory, ["run", _project.Dsn, .. args]);
        return (result.ExitCode, result.Errors);
    }
}
