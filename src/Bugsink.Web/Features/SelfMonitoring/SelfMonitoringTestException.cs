namespace Bugsink.Web.Features.SelfMonitoring;

// Thrown on purpose by the "Send a test error" buttons of /admin/system/; its type names the issue it makes.
public sealed class SelfMonitoringTestException(string message) : Exception(message);
