using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.SourceMaps.Bundles;

// Writes read bundles into a project and removes them, raising the project's artifact generation in
// the same transaction. Limits are checked here, so that the chunked upload and the legacy per-file
// upload refuse the same things with the same words.
public sealed class BundleStore(AppDbContext db, IOptions<SourceMapOptions> options, TimeProvider time)
{
    // Null when stored; otherwise the one-line reason (sent to sentry-cli as the assemble "detail").
    public async Task<string?> StoreAsync(
        long projectId, string bundleKey, string checksum, long size, string release, string dist, IReadOnlyList<BundleFile> files,
        CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (size > limits.MaxBundleBytes)
        {
            return $"the bundle is {size} bytes, over the limit of {limits.MaxBundleBytes} (Bugsink:SourceMaps:MaxBundleBytes)";
        }

        if (files.Count > limits.MaxFilesPerBundle)
        {
            return $"the bundle has {files.Count} files, over the limit of {limits.MaxFilesPerBundle} (Bugsink:SourceMaps:MaxFilesPerBundle)";
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var replaced = db.Set<ArtifactBundle>().Where(b => b.ProjectId == projectId && b.BundleKey == bundleKey);
        var stored = await db.Set<ArtifactBundle>().Where(b => b.ProjectId == projectId).SumAsync(b => (long?)b.Size, cancellationToken) ?? 0;
        var freed = await replaced.SumAsync(b => (long?)b.Size, cancellationToken) ?? 0;
        if (stored - freed + size > limits.MaxBytesPerProject)
        {
            return $"the project's bundles would take {stored - freed + size} bytes, over the limit of {limits.MaxBytesPerProject} " +
                   "(Bugsink:SourceMaps:MaxBytesPerProject); older releases' bundles go after Bugsink:SourceMaps:RetentionDays without use";
        }

        await replaced.ExecuteDeleteAsync(cancellationToken);
        var now = time.GetUtcNow();
        var bundle = new ArtifactBundle
        {
            ProjectId = projectId,
            BundleKey = bundleKey,
            Checksum = checksum,
            Release = release,
            Dist = dist,
            FileCount = files.Count,
            Size = size,
            DebugIds = string.Join(' ', files.Where(f => f.DebugId is not null).Select(f => f.DebugId!.Value.ToString()).Distinct()),
            CreatedAt = now,
            LastUsedAt = now,
            Files = [.. files.Select(f => new ArtifactFile
            {
                ProjectId = projectId,
                Release = release,
                Dist = dist,
                Url = f.Url,
                Kind = f.Kind,
                DebugId = f.DebugId,
                SourceMapHeader = f.SourceMapHeader,
                Size = f.Content.Length,
                Content = ArtifactCompression.Compress(f.Content),
            })],
        };
        db.Add(bundle);
        await db.SaveChangesAsync(cancellationToken);
        await RaiseGenerationAsync(projectId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return null;
    }

    public async Task<bool> HasChecksumAsync(long projectId, string checksum, CancellationToken cancellationToken) =>
        await db.Set<ArtifactBundle>().AnyAsync(b => b.ProjectId == projectId && b.Checksum == checksum, cancellationToken);

    // Removes the given bundles (retention, a deleted release) and makes cached lookups look again.
    public async Task<int> RemoveAsync(long projectId, IReadOnlyCollection<long> bundleIds, CancellationToken cancellationToken)
    {
        if (bundleIds.Count == 0)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await db.Set<ArtifactBundle>().Where(b => b.ProjectId == projectId && bundleIds.Contains(b.Id)).ExecuteDeleteAsync(cancellationToken);
        await RaiseGenerationAsync(projectId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    private async Task RaiseGenerationAsync(long projectId, CancellationToken cancellationToken)
    {
        var generations = db.Set<ArtifactGeneration>();
        if (await generations.Where(g => g.ProjectId == projectId).ExecuteUpdateAsync(s => s.SetProperty(g => g.Value, g => g.Value + 1), cancellationToken) == 0)
        {
            generations.Add(new ArtifactGeneration { ProjectId = projectId, Value = 1 });
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
