using System.Text.RegularExpressions;
using Bugsink.Web.Infrastructure.Configuration;

namespace Bugsink.Web.Tests.Features.Deployment;

// What can be checked of the Docker and systemd files without a Docker engine or systemd: the
// paths the Dockerfile copies exist, the health check runs a command the binary has, the compose
// file keeps its one service and volume, and every BUGSINK_* name shown to operators is one the
// server reads.
public sealed partial class DeploymentFilesTests
{
    private static readonly string Dockerfile = RepositoryFiles.Read("deploy/Dockerfile");

    [Fact]
    public void DockerfileCopySources_ExistAndAreNotIgnored()
    {
        var ignored = RepositoryFiles.Read("deploy/Dockerfile.dockerignore");
        var copies = Instructions("COPY").Where(arguments => !arguments.StartsWith("--from", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            var parts = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in parts[..^1])
            {
                Assert.True(File.Exists(RepositoryFiles.Path(source)) || Directory.Exists(RepositoryFiles.Path(source)), $"COPY source '{source}' does not exist");
                Assert.DoesNotContain("\n" + source.TrimEnd('/') + "/", "\n" + ignored, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Dockerfile_RunsAsNonRootWithDataVolumeAndReadinessCheck()
    {
        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0 AS build", "mcr.microsoft.com/dotnet/aspnet:10.0"], Instructions("FROM"));
        Assert.Equal("$APP_UID", Instructions("USER").Single());
        Assert.Equal("/data", Instructions("VOLUME").Single());
        Assert.Equal("8000", Instructions("EXPOSE").Single());
        Assert.Contains("BUGSINK_DATA_DIR=/data", Instructions("ENV").Single(), StringComparison.Ordinal);
        Assert.EndsWith("CMD [\"dotnet\", \"/app/bugsink.dll\", \"healthcheck\"]", Instructions("HEALTHCHECK").Single(), StringComparison.Ordinal);
        Assert.Equal("[\"serve\"]", Instructions("CMD").Single());
    }

    [Fact]
    public void ComposeFile_OneServiceBuiltFromDeployDockerfileWithNamedVolume()
    {
        var compose = RepositoryFiles.Read("docker-compose.yml");
        Assert.Contains("dockerfile: deploy/Dockerfile", compose, StringComparison.Ordinal);
        Assert.Contains("restart: unless-stopped", compose, StringComparison.Ordinal);
        Assert.Contains("- bugsink-data:/data", compose, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^volumes:\n  bugsink-data:", compose);
        Assert.Matches(@"(?m)^  # mailpit:", compose);
    }

    [Theory]
    [InlineData("docker-compose.yml")]
    [InlineData("deploy/bugsink.env.example")]
    [InlineData("deploy/bugsink.service")]
    [InlineData("deploy/nginx-bugsink.conf")]
    [InlineData("deploy/docker-compose.postgres.yml")]
    [InlineData("deploy/nginx-bugsink-cluster.conf")]
    [InlineData("deploy/Dockerfile")]
    [InlineData("README.md")]
    public void EveryBugsinkVariableNamed_IsOneTheServerReads(string file)
    {
        // The server's variables, and the test suite's own (named in the README's test sections).
        string[] testVariables = ["BUGSINK_REQUIRE_ALL_TESTS", "BUGSINK_FUZZ_SEED", "BUGSINK_FUZZ_CASES", "BUGSINK_TEST_LARGE_ATTACHMENTS",
            "BUGSINK_SINGLE_BINARY", "BUGSINK_E2E_SINGLE_BINARY"];
        var known = FlatEnvironmentVariables.VariableNames.Concat(testVariables).Append(SettingsFiles.Variable).ToHashSet(StringComparer.Ordinal);
        var named = VariableName().Matches(RepositoryFiles.Read(file)).Select(match => match.Value).Distinct();
        Assert.All(named, name => Assert.Contains(name, known));
    }

    [Fact]
    public void SystemdUnit_RunsTheBinaryWithStateAndEnvironmentFile()
    {
        var unit = RepositoryFiles.Read("deploy/bugsink.service");
        Assert.Contains("ExecStart=/opt/bugsink/bugsink serve", unit, StringComparison.Ordinal);
        Assert.Contains("EnvironmentFile=/etc/bugsink/bugsink.env", unit, StringComparison.Ordinal);
        Assert.Contains("Environment=BUGSINK_DATA_DIR=/var/lib/bugsink", unit, StringComparison.Ordinal);
        Assert.Contains("StateDirectory=bugsink", unit, StringComparison.Ordinal);
        Assert.Contains("User=bugsink", unit, StringComparison.Ordinal);
    }

    // Arguments of every instruction of one kind, continuation lines joined.
    private static List<string> Instructions(string keyword) =>
        Dockerfile.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n')
            .Where(line => line.StartsWith(keyword + " ", StringComparison.Ordinal))
            .Select(line => Regex.Replace(line[(keyword.Length + 1)..], " +", " ").Trim())
            .ToList();

    // A name ending in "_*" (BUGSINK_SMTP_*) stands for a family and is not checked. Digits belong to a
    // name (BUGSINK_E2E_…), or the name would be cut short at the first one.
    [GeneratedRegex("BUGSINK_[A-Z0-9_]*[A-Z0-9](?![A-Z0-9_*])")]
    private static partial Regex VariableName();
}
