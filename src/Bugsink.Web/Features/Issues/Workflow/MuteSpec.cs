using System.Globalization;

namespace Bugsink.Web.Features.Issues.Workflow;

// How long a mute lasts. All null: forever. Until: a scheduled job unmutes at that moment. VolumeCount
// and VolumeWindow: the digest unmutes when more than VolumeCount events arrive within VolumeWindow.
// Until and a volume condition together: whichever comes first.
public sealed record MuteSpec(DateTimeOffset? Until, int? VolumeCount, TimeSpan? VolumeWindow)
{
    public static readonly MuteSpec Forever = new(null, null, null);

    public bool IsForever => Until is null && VolumeCount is null;

    public static MuteSpec For(TimeSpan duration, DateTimeOffset now) => new(now + duration, null, null);

    // "1 month" is a calendar month, not 30 days.
    public static MuteSpec ForMonths(int months, DateTimeOffset now) => new(now.AddMonths(months), null, null);

    public static MuteSpec UntilVolume(int moreThan, TimeSpan window) => new(null, moreThan, window);

    // Whole seconds, as stored on the issue.
    public int? VolumeWindowSeconds => VolumeWindow is { } window ? (int)Math.Ceiling(window.TotalSeconds) : null;

    public void Validate(DateTimeOffset now)
    {
        if (VolumeCount is null != VolumeWindow is null)
        {
            throw new ArgumentException("A volume condition needs both a count and a window.");
        }

        if (VolumeCount < 0 || VolumeWindow <= TimeSpan.Zero || VolumeWindow > TimeSpan.FromDays(366))
        {
            throw new ArgumentException("A volume condition needs a count of at least 0 and a window between 1 second and a year.");
        }

        if (Until <= now)
        {
            throw new ArgumentException("A timed mute must end in the future.");
        }
    }

    // For the issue's history: "until 2026-12-01 10:00 UTC", "until more than 5 events in 1 hour".
    public string Describe()
    {
        var parts = new List<string>();
        if (Until is { } until)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC"));
        }

        if (VolumeCount is { } count && VolumeWindowSeconds is { } seconds)
        {
            parts.Add("until " + DescribeVolume(count, seconds));
        }

        return parts.Count == 0 ? "forever" : string.Join(" or ", parts);
    }

    // "more than 5 events in 1 hour"
    public static string DescribeVolume(int count, int windowSeconds) =>
        string.Create(CultureInfo.InvariantCulture, $"more than {Plural(count, "event")} in {DescribeWindow(windowSeconds)}");

    private static string DescribeWindow(int seconds) => seconds switch
    {
        _ when seconds % 3600 == 0 => Plural(seconds / 3600, "hour"),
        _ when seconds % 60 == 0 => Plural(seconds / 60, "minute"),
        _ => Plural(seconds, "second"),
    };

    private static string Plural(int n, string unit) => string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? "" : "s")}");
}
