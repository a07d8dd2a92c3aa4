using Bugsink.Web.Features.Ingest;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Health;

// Above Bugsink:Ingest:MaxBacklog ingest answers 429 to every SDK, so the server is not doing its
// job even though it answers. The count is the in-memory one ingest uses: no query per probe.
public sealed class DigestBacklogHealthCheck(InboxBacklog backlog, IOptions<IngestOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var waiting = backlog.Count;
        var bound = options.Value.MaxBacklog;
        return Task.FromResult(waiting > bound
            ? HealthCheckResult.Unhealthy($"{waiting} events wait for the digest, above the bound of {bound}; ingest answers 429")
            : HealthCheckResult.Healthy($"{waiting} events wait for the digest (bound {bound})"));
    }
}
