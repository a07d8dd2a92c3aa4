using System.Globalization;

namespace Bugsink.Web.Features.Projects;

// "3 minutes ago" for list pages, where the rough age matters more than the exact moment.
public static class TimeAgo
{
    public static string Describe(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is not { } moment)
        {
            return "never";
        }

        var age = now - moment;
        return age.TotalSeconds switch
        {
            < 60 => "just now",
            < 3600 => Plural((int)age.TotalMinutes, "minute"),
            < 86400 => Plural((int)age.TotalHours, "hour"),
            < 86400 * 60 => Plural((int)age.TotalDays, "day"),
            _ => moment.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    private static string Plural(int n, string unit) => string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? "" : "s")} ago");
}
