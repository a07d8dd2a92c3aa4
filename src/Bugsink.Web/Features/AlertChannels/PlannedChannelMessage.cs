namespace Bugsink.Web.Features.AlertChannels;

// One message to one channel: a single alert, or a digest of new issues named by its first (lead) alert.
public sealed record PlannedChannelMessage(long ChannelId, IReadOnlyList<long> AlertIds)
{
    public long LeadAlertId => AlertIds[0];
}
