using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Infrastructure.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.SourceMaps.Bundles;

// Hourly: writes down which bundles lookups used, then removes the bundles nobody used for
// Bugsink:SourceMaps:RetentionDays (a fresh upload counts as used), and chunks never assembled.
public sealed class BundleRetentionJob(
    AppDbContext db, BundleStore store, BundleUsage usage, ChunkStore chunks, IOptions<SourceMapOptions> options, TimeProvider time)
{
    [Queue(HangfireSetup.DefaultQueue)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        foreach (var (bundleId, at) in usage.Take())
        {
            await db.Set<ArtifactBundle>().Where(b => b.Id == bundleId && b.LastUsedAt < at)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.LastUsedAt, at), cancellationToken);
        }

        var now = time.GetUtcNow();
        var cutoff = now - TimeSpan.FromDays(options.Value.RetentionDays);
        var unused = await db.Set<ArtifactBundle>().AsNoTracking()
            .Where(b => b.LastUsedAt < cutoff)
            .Select(b => new { b.Id, b.ProjectId })
            .ToListAsync(cancellationToken);
        var removed = 0;
        foreach (var project in unused.GroupBy(b => b.ProjectId))
        {
            removed += await store.RemoveAsync(project.Key, [.. project.Select(b => b.Id)], cancellationToken);
        }

        chunks.RemoveAbandoned(now);
        return removed;
    }
}
