using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Bugsink.Web.Tests.Features.Deployment;

// Issue 21, item 6, checked without a Docker engine: the compose file's services and health checks, nginx's
// upstream naming exactly its bugsink nodes, and the nginx file accepted by a real `nginx -t` (the node
// names swapped for loopback addresses, which outside compose resolve to nothing) when nginx is installed.
public sealed partial class ClusterDeploymentFilesTests
{
    private static readonly string Compose = RepositoryFiles.Read("deploy/docker-compose.postgres.yml");
    private static readonly string Nginx = RepositoryFiles.Read("deploy/nginx-bugsink-cluster.conf");

    // The services: section only (the volumes: section below it is indented alike).
    private static readonly string Services = Compose[Compose.IndexOf("\nservices:\n", StringComparison.Ordinal)..Compose.IndexOf("\nvolumes:\n", StringComparison.Ordinal)];

    [Fact]
    public void Compose_RunsPostgresTwoNodesAndNginx_EachWithAHealthCheck_AllOnOneDatabaseUrl()
    {
        var services = ServiceName().Matches(Services).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["postgres", "bugsink-1", "bugsink-2", "nginx"], services);
        Assert.Contains("pg_isready", Compose, StringComparison.Ordinal);
        Assert.Contains("condition: service_healthy", Compose, StringComparison.Ordinal);
        Assert.Contains("dockerfile: deploy/Dockerfile", Compose, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(Compose, "BUGSINK_DATABASE_URL: \"postgresql://bugsink:"));
        Assert.Contains("./nginx-bugsink-cluster.conf:/etc/nginx/conf.d/default.conf:ro", Compose, StringComparison.Ordinal);
    }

    [Fact]
    public void NginxUpstream_NamesEveryBugsinkNodeOfTheComposeFile()
    {
        var nodes = ServiceName().Matches(Services).Select(m => m.Groups[1].Value).Where(s => s.StartsWith("bugsink-", StringComparison.Ordinal));
        var upstream = Regex.Matches(Nginx, @"server (bugsink-\d+):8000").Select(m => m.Groups[1].Value);
        Assert.Equal(nodes, upstream);
        Assert.Contains("client_max_body_size 20m;", Nginx, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;", Nginx, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task NginxConfig_PassesNginxCheck()
    {
        Skip.IfNot(File.Exists("/usr/sbin/nginx"), "nginx is not installed");
        var prefix = Directory.CreateTempSubdirectory("bugsink-nginx-").FullName;
        try
        {
            var site = Regex.Replace(Nginx, @"bugsink-(\d+):8000", m => $"127.0.0.1:{8000 + int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)}")
                .Replace("listen 80;", $"listen 127.0.0.1:{Infrastructure.LoopbackPort.Free()};", StringComparison.Ordinal)
                .Replace("listen [::]:80;", "", StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(prefix, "site.conf"), site);
            await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"),
                $"pid {prefix}/nginx.pid; error_log {prefix}/error.log; events {{}} http {{ access_log off; client_body_temp_path {prefix}; proxy_temp_path {prefix}; include {prefix}/site.conf; }}");
            var start = new ProcessStartInfo("/usr/sbin/nginx") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { "-t", "-p", prefix, "-c", Path.Combine(prefix, "nginx.conf") })
            {
                start.ArgumentList.Add(arg);
            }

            using var nginx = Process.Start(start)!;
            var errors = await nginx.StandardError.ReadToEndAsync();
            await nginx.WaitForExitAsync();
            Assert.True(nginx.ExitCode == 0, errors);
            Assert.Contains("test is successful", errors, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(prefix, recursive: true);
        }
    }

    [GeneratedRegex(@"(?m)^  ([a-z0-9-]+):\n")]
    private static partial Regex ServiceName();
}
