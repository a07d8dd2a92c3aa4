using System.Collections.Concurrent;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.SourceMaps.Bundles;

// ISourceArtifacts over the stored bundles. A singleton that opens a scope per lookup, so the digest
// and the pages can both hold it. Lookups only read: that a bundle was used is remembered in memory
// (BundleUsage) and written by the retention job, because the caller may be inside the digest's write
// transaction on another connection, and SQLite has one writer.
public sealed class StoredSourceArtifacts(IServiceScopeFactory scopes, BundleUsage usage) : ISourceArtifacts
{
    public async ValueTask<long> GenerationAsync(long projectId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<ArtifactGeneration>().Where(g => g.ProjectId == projectId).Select(g => g.Value).FirstOrDefaultAsync(cancellationToken);
    }

    public async ValueTask<SourceArtifact?> FindByDebugIdAsync(
        long projectId, Guid debugId, SourceArtifactKind kind, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // The newest upload wins when the same file was uploaded twice.
        var file = await db.Set<ArtifactFile>().AsNoTracking()
            .Where(f => f.ProjectId == projectId && f.DebugId == debugId && f.Kind == kind)
            .OrderByDescending(f => f.BundleId)
            .FirstOrDefaultAsync(cancellationToken);
        return Found(file);
    }

    public async ValueTask<SourceArtifact?> FindByUrlAsync(
        long projectId, string release, string dist, IReadOnlyList<string> urlCandidates, CancellationToken cancellationToken)
    {
        if (urlCandidates.Count == 0)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var candidates = urlCandidates.ToArray();
        var matches = await db.Set<ArtifactFile>().AsNoTracking()
            .Where(f => f.ProjectId == projectId && f.Release == release && f.Dist == dist && candidates.Contains(f.Url))
            .Select(f => new { f.Id, f.Url, f.BundleId })
            .ToListAsync(cancellationToken);
        // The candidates' order decides, then the newest upload.
        var best = matches
            .OrderBy(m => Array.IndexOf(candidates, m.Url))
            .ThenByDescending(m => m.BundleId)
            .FirstOrDefault();
        if (best is null)
        {
            return null;
        }

        return Found(await db.Set<ArtifactFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == best.Id, cancellationToken));
    }

    private SourceArtifact? Found(ArtifactFile? file)
    {
        if (file is null)
        {
            return null;
        }

        usage.Touch(file.BundleId);
        return new SourceArtifact(file.Url, file.Kind, file.DebugId, file.SourceMapHeader, ArtifactCompression.Decompress(file.Content, file.Size));
    }
}

// Bundles returned by lookups since the retention job last wrote them down.
public sealed class BundleUsage(TimeProvider time)
{
    private readonly ConcurrentDictionary<long, DateTimeOffset> _used = new();

    public void Touch(long bundleId) => _used[bundleId] = time.GetUtcNow();

    public IReadOnlyList<KeyValuePair<long, DateTimeOffset>> Take()
    {
        List<KeyValuePair<long, DateTimeOffset>> taken = [];
        foreach (var id in _used.Keys)
        {
            if (_used.TryRemove(id, out var at))
            {
                taken.Add(new(id, at));
            }
        }

        return taken;
    }
}
