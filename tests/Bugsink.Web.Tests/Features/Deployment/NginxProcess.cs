using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Deployment;

// A real nginx on loopback, configured from deploy/nginx-bugsink.conf, in its own temp folder and in
// the foreground (daemon off), so the test owns the process and stops it. .ci/run installs nginx.
public sealed class NginxProcess : IAsyncDisposable
{
    private readonly string _binary;
    private readonly Process _process;

    private NginxProcess(string binary, string folder, Process process)
    {
        _binary = binary;
        Folder = folder;
        _process = process;
    }

    public string Folder { get; }

    private static readonly string[] Candidates = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"];

    public static string? FindBinary() => Candidates.FirstOrDefault(File.Exists);

    // True when nginx is installed; otherwise says why the test did nothing (a failure under CI's strict mode).
    public static bool Available(ITestOutputHelper output)
    {
        if (FindBinary() is not null)
        {
            return true;
        }

        Assert.False(Environment.GetEnvironmentVariable("BUGSINK_REQUIRE_ALL_TESTS") == "1", "nginx is not installed and BUGSINK_REQUIRE_ALL_TESTS=1");
        output.WriteLine("SKIPPED: nginx is not installed (apt-get install -y nginx).");
        return false;
    }

    // siteConfig is the server configuration (what would go in /etc/nginx/conf.d/); the main file around
    // it keeps every path nginx writes inside the temp folder.
    public static async Task<NginxProcess> StartAsync(string siteConfig, int port)
    {
        var binary = FindBinary() ?? throw new InvalidOperationException("nginx is not installed");
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bugsink-tests", "nginx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(System.IO.Path.Combine(folder, "bugsink.conf"), siteConfig);
        await File.WriteAllTextAsync(System.IO.Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/client_body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                include {{folder}}/bugsink.conf;
            }
            """);

        // `nginx -t` first: a broken example configuration fails here with nginx's own words.
        var (testExit, testOutput) = await RunAsync(binary, "-t", "-p", folder, "-c", folder + "/nginx.conf", "-e", folder + "/error.log");
        Assert.True(testExit == 0, "nginx -t rejected the configuration:\n" + testOutput + "\n" + siteConfig);

        // Not redirected: nobody would read the pipes for the life of the process. nginx writes to error.log.
        var start = new ProcessStartInfo(binary);
        foreach (var arg in new[] { "-p", folder, "-c", folder + "/nginx.conf", "-e", folder + "/error.log" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var nginx = new NginxProcess(binary, folder, process);
        await nginx.WaitForPortAsync(port);
        return nginx;
    }

    public string ErrorLog => File.Exists(System.IO.Path.Combine(Folder, "error.log")) ? File.ReadAllText(System.IO.Path.Combine(Folder, "error.log")) : "";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A fast shutdown through the master, so its workers go too; killing the tree is the fallback.
            await RunAsync(_binary, "-s", "stop", "-p", Folder, "-c", Folder + "/nginx.conf", "-e", Folder + "/error.log");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }


    private async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, "nginx exited at start-up:\n" + ErrorLog);
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException("nginx did not listen in time:\n" + ErrorLog);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string binary, params string[] args)
    {
        var start = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
