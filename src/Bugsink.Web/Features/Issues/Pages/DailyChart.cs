using System.Globalization;

namespace Bugsink.Web.Features.Issues.Pages;

public sealed record ChartBar(string X, string Y, string Height, string Title);

// Events per day over 30 days, drawn on the server as SVG attributes (no inline style under the CSP).
public sealed record DailyChart(IReadOnlyList<ChartBar> Bars, string Label, string MaxLabel)
{
    public const int Days = 30;
    public const int BarWidth = 20;
    public const int Width = Days * BarWidth;
    public const int Height = 100;

    public static readonly DailyChart Empty = new([], "No events in the last 30 days", "0");

    public static DailyChart For(IEnumerable<(long Hour, long Count)> hourly, DateTimeOffset now)
    {
        var today = now.ToUnixTimeSeconds() / 86400;
        var perDay = hourly.GroupBy(h => h.Hour / 24).ToDictionary(g => g.Key, g => g.Sum(h => h.Count));
        var max = perDay.Count == 0 ? 0 : perDay.Values.Max();
        var bars = new List<ChartBar>();
        for (var n = 0; n < Days; n++)
        {
            var day = today - Days + 1 + n;
            var count = perDay.GetValueOrDefault(day);
            if (count == 0)
            {
                continue;
            }

            var height = Math.Max(1, (int)Math.Round(count * (double)Height / max));
            bars.Add(new ChartBar(
                (n * BarWidth + 2).ToString(CultureInfo.InvariantCulture),
                (Height - height).ToString(CultureInfo.InvariantCulture),
                height.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.FromUnixTimeSeconds(day * 86400).UtcDateTime:yyyy-MM-dd}: {count} events")));
        }

        var total = perDay.Where(d => d.Key > today - Days).Sum(d => d.Value);
        return new DailyChart(bars, string.Create(CultureInfo.InvariantCulture, $"{total} event{(total == 1 ? "" : "s")} in the last 30 days, per day"), max.ToString(CultureInfo.InvariantCulture));
    }
}
