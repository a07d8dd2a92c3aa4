namespace Bugsink.Web.Features.Alerts;

// Told after a transaction that wrote AlertRequest rows has committed (never before: an alert about
// an event that then rolled back must not go out). Implementations pick the pending rows up from the
// database themselves, so this is only a nudge; it must be cheap and must not throw.
public interface IAlertDispatcher
{
    void AlertsCommitted();
}
