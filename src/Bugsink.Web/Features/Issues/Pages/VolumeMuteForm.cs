using System.Globalization;
using Bugsink.Web.Features.Issues.Workflow;

namespace Bugsink.Web.Features.Issues.Pages;

// The "mute until more than N events in M minutes/hours/days" fields, shared by the detail page and
// the list's bulk form (_VolumeMute.cshtml renders them). Read from the posted form, never trusted:
// MuteSpec.Validate has the last word on the ranges.
public static class VolumeMuteForm
{
    public const string Action = "mute-volume";

    public static readonly IReadOnlyList<(string Value, string Label)> Units = [("minutes", "minutes"), ("hours", "hours"), ("days", "days")];

    public static MuteSpec Read(IFormCollection form)
    {
        if (!int.TryParse(form["muteCount"], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || !int.TryParse(form["muteWindow"], NumberStyles.None, CultureInfo.InvariantCulture, out var window) || window < 1)
        {
            throw new ArgumentException("Give a number of events and a window of at least 1.");
        }

        TimeSpan span = form["muteUnit"].ToString() switch
        {
            "minutes" => TimeSpan.FromMinutes(window),
            "hours" => TimeSpan.FromHours(window),
            "days" => TimeSpan.FromDays(window),
            _ => throw new ArgumentException("The window is in minutes, hours or days."),
        };
        return MuteSpec.UntilVolume(count, span);
    }
}
