namespace Bugsink.Web.Features.Alerts;

// One email to every recipient of the project: a single alert, or a digest of new issues whose first
// id (the lead) names the email in the sent-markers.
public sealed record PlannedEmail(long ProjectId, IReadOnlyList<long> AlertIds)
{
    public long LeadAlertId => AlertIds[0];
}
