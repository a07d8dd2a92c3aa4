using System.Globalization;
using Bugsink.E2E.ConsoleApp;
using Bugsink.E2E.Reporting;

// The end-to-end scenario with the Sentry .NET SDK (see tests/e2e/README.md).
// Input (environment): E2E_DSN, E2E_MARKER, E2E_RELEASE, E2E_ENVIRONMENT, E2E_ATTACHMENT (a file path).
// It ends with an unhandled exception, so the process aborts (non-zero exit) by design.
var marker = E2EReport.Env("E2E_MARKER");
var attachment = File.ReadAllBytes(E2EReport.Env("E2E_ATTACHMENT"));

SentrySdk.Init(options =>
{
    options.Dsn = E2EReport.Env("E2E_DSN");
    options.Release = E2EReport.Env("E2E_RELEASE");
    options.Environment = E2EReport.Env("E2E_ENVIRONMENT");
    options.Debug = true;
    options.DiagnosticLevel = SentryLevel.Debug;
    // Tracing is off unless a sample rate is given; sessions are off by default outside mobile apps.
    options.TracesSampleRate = 1.0;
    options.AutoSessionTracking = true;
    options.CreateHttpMessageHandler = () => new RecordingHandler();
    // One scope for the whole program (as for desktop apps): the unhandled-exception handler runs outside
    // the async flow of Main and would otherwise see none of the user, tags and breadcrumbs set here.
    options.IsGlobalModeEnabled = true;
    options.SetBeforeSend((sentryEvent, _) =>
    {
        var scenario = sentryEvent.Tags.TryGetValue("e2e_case", out var value) ? value : "unknown";
        E2EReport.Emit("E2E_EVENT", new { @case = scenario, event_id = sentryEvent.EventId.ToString() });
        // One event is dropped on purpose so a client report (reason before_send) is sent too.
        return scenario == "dropped" ? null : sentryEvent;
    });
});

SentrySdk.ConfigureScope(scope =>
{
    scope.User = new SentryUser { Id = "e2e-user-42", Email = "e2e-user@example.com", Username = "e2e-user" };
    scope.SetTag("e2e.sdk", Environment.GetEnvironmentVariable("E2E_SDK") ?? "dotnet");
    scope.SetTag("e2e.marker", marker);
    scope.SetTag("team", "e2e-backend");
});
SentrySdk.AddBreadcrumb($"E2E breadcrumb one {marker}", "e2e.step", data: new Dictionary<string, string> { ["step"] = "1" }, level: BreadcrumbLevel.Info);
SentrySdk.AddBreadcrumb($"E2E breadcrumb two {marker}", "e2e.step", data: new Dictionary<string, string> { ["step"] = "2" }, level: BreadcrumbLevel.Warning);

var transaction = SentrySdk.StartTransaction("e2e-transaction", "e2e.task");
transaction.StartChild("e2e.step", "e2e-child-span").Finish();
transaction.Finish();

var handledId = SentryId.Empty;
try
{
    Scenario.HandleCheckout(marker);
}
catch (InvalidOperationException exception)
{
    handledId = SentrySdk.CaptureException(exception, scope =>
    {
        scope.SetTag("e2e_case", "handled");
        scope.AddAttachment(attachment, "e2e-attachment.bin", AttachmentType.Default, "application/octet-stream");
    });
}

SentrySdk.CaptureFeedback(
    new SentryFeedback($"E2E feedback {marker}", "e2e-feedback@example.com", "E2E Feedback User", associatedEventId: handledId));

object[] parameters = [marker, "alice", 3];
SentrySdk.CaptureEvent(
    new SentryEvent
    {
        Level = SentryLevel.Warning,
        Message = new SentryMessage
        {
            Message = "E2E message {0} for {1} with {2} items",
            Params = parameters,
            Formatted = string.Format(CultureInfo.InvariantCulture, "E2E message {0} for {1} with {2} items", parameters),
        },
    },
    scope => scope.SetTag("e2e_case", "message"));

SentrySdk.CaptureMessage($"E2E dropped by BeforeSend {marker}", scope => scope.SetTag("e2e_case", "dropped"));
await SentrySdk.FlushAsync(TimeSpan.FromSeconds(10));

// Unhandled: the SDK's AppDomain integration reports it and flushes before the runtime aborts the process.
SentrySdk.ConfigureScope(scope => scope.SetTag("e2e_case", "unhandled"));
Scenario.ProcessQueue(marker);
