namespace Bugsink.Web.Features.Alerts;

// The outcome of one dispatch: the emails to send now, and when held new-issue alerts fall due.
public sealed record AlertPlan(IReadOnlyList<PlannedEmail> Emails, int Held, DateTimeOffset? NextDueAt)
{
    public static AlertPlan Empty { get; } = new([], 0, null);

    // Chat and webhook deliveries, one per (alert or digest, channel): the same decisions as the emails.
    public IReadOnlyList<AlertChannels.PlannedChannelMessage> ChannelMessages { get; init; } = [];
}
