namespace Bugsink.Web.Features.Alerts;

// The outcome of one dispatch: the emails to send now, and when held new-issue alerts fall due.
public sealed record AlertPlan(IReadOnlyList<PlannedEmail> Emails, int Held, DateTimeOffset? NextDueAt)
{
    public static AlertPlan Empty { get; } = new([], 0, null);
}
