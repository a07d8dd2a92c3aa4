using System.Globalization;
using System.Security.Claims;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Issues.Workflow;

namespace Bugsink.Web.Features.Issues.Pages;

// How the issue pages word things: ids, states, exact times, who acts.
public static class IssueText
{
    public static string FriendlyId(string slug, long number) => string.Create(CultureInfo.InvariantCulture, $"{slug.ToUpperInvariant()}-{number}");

    public static string Exact(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string? State(Issue issue) => issue switch
    {
        { IsResolvedByNextRelease: true, FixedInRelease: null } => "resolved in next release",
        { IsResolved: true, FixedInRelease: { } release } => "resolved in " + release,
        { IsResolved: true } => "resolved",
        { IsMuted: true } => Muted(issue),
        _ => null,
    };

    // "muted until 2026-12-01 10:00:00 UTC or more than 5 events in 1 hour": whichever ends the mute first.
    private static string Muted(Issue issue)
    {
        var ends = new List<string>();
        if (issue.MutedUntil is { } until)
        {
            ends.Add(Exact(until));
        }

        if (issue is { UnmuteOnVolumeCount: { } count, UnmuteOnVolumeWindowSeconds: { } seconds })
        {
            ends.Add(MuteSpec.DescribeVolume(count, seconds));
        }

        return ends.Count == 0 ? "muted" : "muted until " + string.Join(" or ", ends);
    }

    public static Actor ActorOf(ClaimsPrincipal user)
    {
        var id = ProjectAccess.UserIdOf(user);
        return new Actor(id, user.Identity?.Name ?? "user " + id?.ToString(CultureInfo.InvariantCulture));
    }

    public static string ActionDone(string action) => action switch
    {
        "resolve" => "Resolved",
        "resolve-next" => "Resolved in the next release",
        "mute" => "Muted",
        "mute-day" => "Muted for a day",
        "mute-week" => "Muted for a week",
        "mute-month" => "Muted for a month",
        MuteForm.UntilDateAction => "Muted until the date",
        VolumeMuteForm.Action => "Muted until the volume rises",
        "unmute" => "Unmuted",
        "assign-me" => "Assigned to you",
        "assign" => "Assigned",
        "unassign" => "Unassigned",
        "reopen" => "Reopened",
        "delete" => "Deleted",
        _ => action,
    };
}
