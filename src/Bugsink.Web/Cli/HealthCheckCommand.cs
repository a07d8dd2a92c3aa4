using System.CommandLine;
using System.Globalization;
using System.Net;

namespace Bugsink.Web.Cli;

// `healthcheck [--url URL]`: GETs /health/ready of the server running in this container or machine
// and exits 0 when it answers 200, 1 otherwise. It exists because the ASP.NET runtime image has no
// curl or wget for Docker's HEALTHCHECK; it starts no host and opens no database.
public static class HealthCheckCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static Command Build()
    {
        var url = new Option<string?>("--url") { Description = "URL to check (default: /health/ready on the first address of ASPNETCORE_URLS or --urls, else http://127.0.0.1:8000)." };
        var urls = new Option<string?>("--urls") { Description = "The server's listen addresses, as given to serve." };
        var command = new Command("healthcheck", "Exit 0 if the local server reports ready, 1 otherwise.") { url, urls };
        command.SetAction(async (result, cancellationToken) =>
        {
            var target = result.GetValue(url) ?? ReadyUrl(result.GetValue(urls) ?? new ConfigurationBuilder().AddEnvironmentVariables("ASPNETCORE_").Build()["urls"]);
            // UseProxy = false: an HTTP_PROXY meant for outgoing mail or webhooks must not intercept a local probe.
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout };
            try
            {
                using var response = await http.GetAsync(target, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                Console.WriteLine($"{(int)response.StatusCode} {target} {body}");
                return response.StatusCode == HttpStatusCode.OK ? 0 : 1;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                Console.WriteLine($"unreachable {target}: {exception.Message}");
                return 1;
            }
        });
        return command;
    }

    // The first listen address, with a wildcard host (http://+:8000, http://0.0.0.0:8000, http://[::]:8000)
    // turned into loopback: the probe runs beside the server.
    public static string ReadyUrl(string? listenUrls)
    {
        var first = (listenUrls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return BugsinkApp.DefaultUrl + "/health/ready";
        }

        var address = BindingAddress.Parse(first);
        var host = address.Host switch
        {
            "+" or "*" or "0.0.0.0" or "" => "127.0.0.1",
            "[::]" or "::" => "[::1]",
            var named => named,
        };
        return $"{address.Scheme}://{host}:{address.Port.ToString(CultureInfo.InvariantCulture)}{address.PathBase}/health/ready";
    }
}
