using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Bugsink.Benchmarks.Reporting;

// Times the issue list and one issue's detail page after the run, with the database full. Pages that do
// not answer 200 yet are reported as such instead of being timed.
public static partial class PageTimings
{
    private const int Repeats = 5;

    public static async Task<string> MeasureAsync(Uri baseUrl)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = baseUrl };
        using var first = await client.GetAsync(new Uri("issues/", UriKind.Relative));
        if ((int)first.StatusCode != 200)
        {
            return string.Create(CultureInfo.InvariantCulture, $"n/a (pages not built yet: GET /issues/ answered {(int)first.StatusCode})");
        }

        var listHtml = await first.Content.ReadAsStringAsync();
        var list = await MedianAsync(client, "issues/");
        var link = DetailLink().Match(listHtml);
        var detailMs = link.Success ? await MedianAsync(client, link.Groups["path"].Value.TrimStart('/')) : (double?)null;
        var detail = detailMs is { } ms
            ? string.Create(CultureInfo.InvariantCulture, $"{ms:0.0} ms")
            : "n/a (no issue link on the list page)";
        return string.Create(CultureInfo.InvariantCulture, $"list {list:0.0} ms, detail {detail} (median of {Repeats})");
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

    [GeneratedRegex("href=\"(?<path>/issues/[^\"/?#]+/?)\"")]
    private static partial Regex DetailLink();
}
