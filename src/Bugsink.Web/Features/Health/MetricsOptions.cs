namespace Bugsink.Web.Features.Health;

// Bugsink:Metrics. With a token, /metrics answers only `Authorization: Bearer TOKEN` (401 otherwise), for
// installations that cannot keep it to the monitoring host at the proxy.
public sealed class MetricsOptions
{
    public const string Section = "Bugsink:Metrics";

    public string? Token { get; set; }
}
