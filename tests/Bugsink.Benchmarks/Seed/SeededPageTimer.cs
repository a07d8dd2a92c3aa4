using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Bugsink.Benchmarks.Seed;

// Times the issue pages of a seeded server from a logged-in client on loopback: each page is fetched
// twice to warm up, then Repeats times; the median is what a person waits for, minus the network.
public static partial class SeededPageTimer
{
    private const int Repeats = 15;

    public static async Task<IReadOnlyList<(string Page, double Median, double Worst)>> MeasureAsync(
        Uri baseUrl, (string Email, string Password) account, IReadOnlyList<(string Name, string Path)> pages)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromMinutes(5),
        };
        await LogInAsync(client, account);
        var results = new List<(string, double, double)>();
        foreach (var (name, path) in pages)
        {
            var times = new List<double>(Repeats);
            for (var i = 0; i < Repeats + 2; i++)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative));
                _ = await response.Content.ReadAsByteArrayAsync();
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
                }

                if (i >= 2)
                {
                    times.Add(elapsed);
                }
            }

            times.Sort();
            results.Add((name, times[Repeats / 2], times[^1]));
        }

        return results;
    }

    // The first issue link on a list page, to time a second page of the list from a real cursor.
    public static async Task<string?> NextPageLinkAsync(Uri baseUrl, (string Email, string Password) account, string listPath)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, CookieContainer = new CookieContainer() }) { BaseAddress = baseUrl };
        await LogInAsync(client, account);
        var html = await client.GetStringAsync(new Uri(listPath.TrimStart('/'), UriKind.Relative));
        var next = NextLink().Match(html);
        return next.Success ? WebUtility.HtmlDecode(next.Groups["path"].Value) : null;
    }

    private static async Task LogInAsync(HttpClient client, (string Email, string Password) account)
    {
        var form = await client.GetStringAsync(new Uri("accounts/login/", UriKind.Relative));
        var token = AntiforgeryToken().Match(form);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = account.Email,
            ["Password"] = account.Password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["token"].Value),
        });
        using var response = await client.PostAsync(new Uri("accounts/login/", UriKind.Relative), content);
        if (response.StatusCode is not (HttpStatusCode.Found or HttpStatusCode.SeeOther))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Logging in as {account.Email} answered {(int)response.StatusCode}"));
        }
    }

    [GeneratedRegex("<a href=\"(?<path>[^\"]+)\" rel=\"next\"")]
    private static partial Regex NextLink();

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]*)\"")]
    private static partial Regex AntiforgeryToken();
}
