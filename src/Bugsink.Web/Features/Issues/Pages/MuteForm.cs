using System.Globalization;
using Bugsink.Web.Features.Issues.Workflow;

namespace Bugsink.Web.Features.Issues.Pages;

// Which mute a posted "action" button asks for, shared by the detail page and the list's bulk bar so
// both offer the same mutes: forever, a day, a week, a calendar month, until a date, or until a volume.
// Null: the action is not a mute. Read from the posted form, never trusted: MuteSpec.Validate has the
// last word (a date that is not in the future is refused there).
public static class MuteForm
{
    public const string UntilDateAction = "mute-until";

    public static bool IsMute(string? action) => action is "mute" or "mute-day" or "mute-week" or "mute-month" or UntilDateAction or VolumeMuteForm.Action;

    public static MuteSpec? Read(string? action, IFormCollection form, DateTimeOffset now) => action switch
    {
        "mute" => MuteSpec.Forever,
        "mute-day" => MuteSpec.For(TimeSpan.FromDays(1), now),
        "mute-week" => MuteSpec.For(TimeSpan.FromDays(7), now),
        "mute-month" => MuteSpec.ForMonths(1, now),
        UntilDateAction => new MuteSpec(ReadDate(form["muteUntil"]), null, null),
        VolumeMuteForm.Action => VolumeMuteForm.Read(form),
        _ => null,
    };

    // <input type="date"> posts yyyy-MM-dd. The mute ends when that day begins in UTC (the page says
    // so), so "until 2026-12-24" means the issue is back on the 24th.
    private static DateTimeOffset ReadDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : throw new ArgumentException("Give the date to mute until (YYYY-MM-DD).");

    // The earliest date the field offers: tomorrow (UTC), since the mute must end in the future.
    public static string Tomorrow(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
