namespace Bugsink.Web.Features.Alerts;

// What the planner needs to know about one project: whether it still exists, its switches, who wants
// its alerts, and when it last sent a new-issue email (the start of the coalescing window).
public sealed record ProjectAlertContext(
    long ProjectId,
    bool IsLive,
    bool AlertOnNewIssue,
    bool AlertOnRegression,
    bool AlertOnUnmute,
    IReadOnlyList<string> Recipients,
    DateTimeOffset? LastNewIssueEmailAt)
{
    // The project's enabled chat and webhook channels (Features/AlertChannels); each chooses its alert kinds.
    public IReadOnlyList<AlertChannels.AlertChannel> Channels { get; init; } = [];

    public bool Wants(AlertKind kind) => kind switch
    {
        AlertKind.NewIssue => AlertOnNewIssue,
        AlertKind.Regression => AlertOnRegression,
        AlertKind.Unmute => AlertOnUnmute,
        // Only written while the project has a volume rule, which is the switch.
        AlertKind.Volume => true,
        // Channels only: the assignee's own email is sent apart (Issues/Assignment/AssignmentEmailJob).
        AlertKind.Assignment => false,
        _ => false,
    };
}
