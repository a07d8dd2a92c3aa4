using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Bugsink.Benchmarks.Reporting;

// Times the issue list and one issue's detail page after the run, with the database full. When the
// pages send us to the login form and we know an account (the admin we created), we log in first, the
// way a browser would: the antiforgery cookie and token come from the login page itself.
public static partial class PageTimings
{
    private const int Repeats = 5;
    private const string LoginPath = "accounts/login/";

    public static async Task<string> MeasureAsync(Uri baseUrl, (string Email, string Password)? account)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = baseUrl,
        };
        var status = await StatusAsync(client, "issues/");
        if (status is HttpStatusCode.Found or HttpStatusCode.SeeOther && account is { } credentials && await LogInAsync(client, credentials))
        {
            status = await StatusAsync(client, "issues/");
        }

        if (status != HttpStatusCode.OK)
        {
            return string.Create(CultureInfo.InvariantCulture, $"n/a (GET /issues/ answered {(int)status}{(account is null ? "; pass --login EMAIL:PASSWORD" : "")})");
        }

        var listHtml = await client.GetStringAsync(new Uri("issues/", UriKind.Relative));
        var list = await MedianAsync(client, "issues/");
        var link = DetailLink().Match(listHtml);
        var detailMs = link.Success ? await MedianAsync(client, link.Groups["path"].Value.TrimStart('/')) : (double?)null;
        var detail = detailMs is { } ms
            ? string.Create(CultureInfo.InvariantCulture, $"{ms:0.0} ms")
            : "n/a (no issue link on the list page)";
        return string.Create(CultureInfo.InvariantCulture, $"list {list:0.0} ms, detail {detail} (median of {Repeats})");
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    private static async Task<bool> LogInAsync(HttpClient client, (string Email, string Password) account)
    {
        var form = await client.GetStringAsync(new Uri(LoginPath, UriKind.Relative));
        if (AntiforgeryToken().Match(form) is not { Success: true } token)
        {
            return false;
        }

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = account.Email,
            ["Password"] = account.Password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["token"].Value),
        });
        using var response = await client.PostAsync(new Uri(LoginPath, UriKind.Relative), content);
        return response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther;
    }

    private static async Task<double> MedianAsync(HttpClient client, string path)
    {
        var times = new List<double>(Repeats);
        for (var i = 0; i < Repeats; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            _ = await response.Content.ReadAsByteArrayAsync();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        return times[Repeats / 2];
    }

    [GeneratedRegex("href=\"(?<path>/issues/[0-9]+/)\"")]
    private static partial Regex DetailLink();

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]*)\"")]
    private static partial Regex AntiforgeryToken();
}
