using System.Globalization;

namespace Bugsink.Web.Features.Issues.Pages;

public sealed record SparkBar(string X, string Y, string Height, string Title);

// Events per hour over the last 24 hours as SVG bars (attributes only: the CSP allows no inline style).
public sealed record Sparkline(IReadOnlyList<SparkBar> Bars, string Label)
{
    public const int Hours = 24;
    public const int Width = 72;
    public const int Height = 20;
    private const int BarWidth = Width / Hours;

    public static Sparkline For(IEnumerable<(long Hour, long Count)> counts, long lastHour)
    {
        var byHour = counts.ToDictionary(c => c.Hour, c => c.Count);
        var max = byHour.Count == 0 ? 0 : byHour.Values.Max();
        var bars = new List<SparkBar>();
        long total = 0;
        for (var n = 0; n < Hours; n++)
        {
            var hour = lastHour - Hours + 1 + n;
            var count = byHour.GetValueOrDefault(hour);
            total += count;
            if (count == 0)
            {
                continue;
            }

            var height = Math.Max(1, (int)Math.Round(count * (double)Height / max));
            bars.Add(new SparkBar(
                (n * BarWidth).ToString(CultureInfo.InvariantCulture),
                (Height - height).ToString(CultureInfo.InvariantCulture),
                height.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.FromUnixTimeSeconds(hour * 3600).UtcDateTime:yyyy-MM-dd HH}:00 UTC: {count}")));
        }

        return new Sparkline(bars, string.Create(CultureInfo.InvariantCulture, $"{total} event{(total == 1 ? "" : "s")} in the last 24 hours"));
    }
}
