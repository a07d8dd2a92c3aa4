namespace Bugsink.Web.Features.Alerts;

// Registered until the alert sender exists: AlertRequest rows stay Pending and nothing is sent.
public sealed class NoOpAlertDispatcher : IAlertDispatcher
{
    public void AlertsCommitted()
    {
    }
}
