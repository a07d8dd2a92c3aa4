using Bugsink.E2E.Reporting;
using Bugsink.E2E.WebApp;

// The end-to-end scenario with Sentry.AspNetCore: a tiny web app on a free loopback port whose checkout
// endpoint logs an error with a message template and then throws; the program calls it once itself.
// Input (environment): E2E_DSN, E2E_MARKER, E2E_RELEASE, E2E_ENVIRONMENT.
var marker = E2EReport.Env("E2E_MARKER");
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders().AddSimpleConsole(options => options.SingleLine = true);
builder.WebHost.UseSentry(options =>
{
    options.Dsn = E2EReport.Env("E2E_DSN");
    options.Release = E2EReport.Env("E2E_RELEASE");
    options.Environment = E2EReport.Env("E2E_ENVIRONMENT");
    options.Debug = true;
    options.DiagnosticLevel = SentryLevel.Debug;
    // Tracing is off unless a sample rate is given: with it, the request arrives as a transaction.
    options.TracesSampleRate = 1.0;
    options.CreateHttpMessageHandler = () => new RecordingHandler();
    options.SetBeforeSend((sentryEvent, _) =>
    {
        var scenario = sentryEvent.Tags.TryGetValue("e2e_case", out var value) ? value : "unknown";
        E2EReport.Emit("E2E_EVENT", new { @case = scenario, event_id = sentryEvent.EventId.ToString() });
        return sentryEvent;
    });
});

var app = builder.Build();
app.MapGet("/checkout/{cartId:int}", (int cartId, ILogger<CheckoutEndpoint> logger) => CheckoutEndpoint.Handle(cartId, marker, logger));
await app.StartAsync();

using (var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) })
{
    using var response = await http.GetAsync(new Uri("/checkout/42", UriKind.Relative));
    E2EReport.Emit("E2E_INFO", new { request = "/checkout/42", status = (int)response.StatusCode });
}

await SentrySdk.FlushAsync(TimeSpan.FromSeconds(10));
await app.StopAsync();
