using Bugsink.Web.Tests.Features.Accounts;

namespace Bugsink.Web.Tests.Features.Cli;

// The CLI refuses what it does not know (exit 2, the usage, "did you mean"), so that a typo or a
// command of a newer version never quietly starts a server; and commands other than serve refuse a
// data folder that holds no installation. Each runs bugsink.dll in its own process, as an operator does.
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bugsink-cli-").FullName;

    [Theory]
    [InlineData("backupp", "out.tar.gz")]
    [InlineData("creat-project", "My App")]
    [InlineData("frobnicate")]
    public async Task UnknownCommand_ExitsTwoWithUsage_AndStartsNoServer(params string[] args)
    {
        var result = await BugsinkCli.RunInAsync(_folder, [.. args, "--urls", "http://127.0.0.1:1"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Unknown command '{args[0]}'", result.Errors, StringComparison.Ordinal);
        Assert.Contains("Usage:", result.Errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "data")), "a refused command must not create a data folder");
    }

    [Fact]
    public async Task MistypedCommand_SuggestsTheNearestOne()
    {
        var result = await BugsinkCli.RunInAsync(_folder, "creat-project", "My App");
        Assert.Contains("Did you mean 'create-project'?", result.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "8000")]
    [InlineData("serve", "--port", "8000")]
    [InlineData("create-project", "X", "--tem", "Ops")]
    [InlineData("send-event", "http://k@127.0.0.1:1/1", "--mesage", "hi")]
    public async Task UnknownOption_ExitsTwo(params string[] args)
    {
        var result = await BugsinkCli.RunInAsync(_folder, args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown option", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MistypedOption_SuggestsTheOptionOfThatCommand()
    {
        var result = await BugsinkCli.RunInAsync(_folder, "create-project", "X", "--tem", "Ops");
        Assert.Contains("Did you mean '--team'?", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheVersionAndCommit()
    {
        var result = await BugsinkCli.RunInAsync(_folder, "--version");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^bugsink \d+\.\d+\.\d+\S* \(commit [0-9a-f]{7,}\)$", result.LastLine);
    }

    [Fact]
    public async Task Help_ListsTheCommands_AndHelpOfOneCommandDescribesIt()
    {
        var all = await BugsinkCli.RunInAsync(_folder, "help");
        Assert.Equal(0, all.ExitCode);
        foreach (var name in (string[])["serve", "create-project", "create-user", "create-token", "send-event", "healthcheck"])
        {
            Assert.Contains(name, all.Output, StringComparison.Ordinal);
        }

        var one = await BugsinkCli.RunInAsync(_folder, "help", "create-user");
        Assert.Equal(0, one.ExitCode);
        Assert.Contains("--password", one.Output, StringComparison.Ordinal);
        Assert.Equal(2, (await BugsinkCli.RunInAsync(_folder, "help", "nope")).ExitCode);
    }

    [Theory]
    [InlineData("create-project", "My App")]
    [InlineData("create-user", "a@example.com", "--password", "long enough password")]
    [InlineData("create-token")]
    public async Task CommandsOtherThanServe_RefuseAFolderWithNoInstallation(params string[] args)
    {
        var result = await BugsinkCli.RunInAsync(_folder, args);
        Assert.Equal(1, result.ExitCode);
        var expected = Path.Combine(_folder, "data");
        Assert.Contains($"No Bugsink installation in {expected}", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(expected), "the refused command must not create the folder");
    }

    [Fact]
    public async Task SendEvent_ToAServerThatIsDown_SaysSoInOneLine()
    {
        var result = await BugsinkCli.RunInAsync(_folder, "send-event", "http://0123456789abcdef0123456789abcdef@127.0.0.1:1/1");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("could not reach http://127.0.0.1:1/api/1/envelope/", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadSetting_StopsTheStartWithOneLineNamingIt()
    {
        var result = await BugsinkCli.RunInAsync(_folder, "serve", "--urls", "http://127.0.0.1:0", $"--Bugsink:DataDir={_folder}/data", "--Bugsink:Smtp:Host=mail.example.com", "--Bugsink:Smtp:Security=tls");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bugsink: BUGSINK_SMTP_SECURITY (Bugsink:Smtp:Security) is 'tls'", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Errors, StringComparison.Ordinal);
    }

    // The operator's settings file at BUGSINK_CONFIG is read: a bad value in it stops the start, naming it;
    // and a BUGSINK_CONFIG that names no file is a mistake, not silently ignored.
    [Fact]
    public async Task SettingsFileAtBugsinkConfig_IsRead()
    {
        var file = Path.Combine(_folder, "bugsink.json");
        await File.WriteAllTextAsync(file, """{ "Bugsink": { "Smtp": { "Host": "mail.example.com", "Security": "from-the-file" } } }""");
        var args = (string[])["serve", "--urls", "http://127.0.0.1:0", $"--Bugsink:DataDir={_folder}/data"];

        var read = await BugsinkCli.RunWithAsync(_folder, new Dictionary<string, string> { ["BUGSINK_CONFIG"] = file }, args);
        Assert.Equal(1, read.ExitCode);
        Assert.Contains("is 'from-the-file'", read.Errors, StringComparison.Ordinal);

        var missing = await BugsinkCli.RunWithAsync(_folder, new Dictionary<string, string> { ["BUGSINK_CONFIG"] = file + ".nope" }, args);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains($"BUGSINK_CONFIG names {file}.nope, which does not exist.", missing.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", missing.Errors, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
