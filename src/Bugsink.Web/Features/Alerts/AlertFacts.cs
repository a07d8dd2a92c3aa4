namespace Bugsink.Web.Features.Alerts;

// Everything an alert email says, read at send time: a single alert has one issue and its event, a
// digest lists several issues without events.
public sealed record AlertFacts(
    AlertKind Kind,
    string? Reason,
    long ProjectId,
    string ProjectName,
    string ProjectSlug,
    IReadOnlyList<IssueFacts> Issues,
    EventFacts? Event,
    string? TeamWithoutRecipients = null)
{
    // TeamWithoutRecipients: the project's team, when nobody on it receives alerts and the email goes to
    // the administrators instead; the email then says so.

    public bool IsDigest => Issues.Count > 1;
}
