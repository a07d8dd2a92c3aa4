using System.Collections.Concurrent;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Projects;

public sealed record ProjectKey(long ProjectId, bool IsEnabled);

// Ingest authenticates every request from memory (DESIGN.md "The hot path", 1). A miss falls back to
// the database, so a project created by the CLI in another process is found on its first event;
// unknown keys are remembered briefly so a misconfigured client cannot turn each request into a query.
public sealed class ProjectKeyCache(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan NegativeLifetime = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, ProjectKey> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unknownUntil = new(StringComparer.Ordinal);

    public ProjectKey? Find(string publicKey)
    {
        if (_known.TryGetValue(publicKey, out var key))
        {
            return key;
        }

        if (_unknownUntil.TryGetValue(publicKey, out var until) && until > time.GetUtcNow())
        {
            return null;
        }

        var loaded = Load(publicKey);
        if (loaded is null)
        {
            // Bounded so a flood of random keys cannot grow memory without end.
            if (_unknownUntil.Count > 10_000)
            {
                _unknownUntil.Clear();
            }

            _unknownUntil[publicKey] = time.GetUtcNow() + NegativeLifetime;
            return null;
        }

        _known[publicKey] = loaded;
        return loaded;
    }

    // Called when a project is changed or deleted in this process.
    public void Forget(string publicKey)
    {
        _known.TryRemove(publicKey, out _);
        _unknownUntil.TryRemove(publicKey, out _);
    }

    // Through the context, so either engine answers; only on a miss, which the caches above keep rare.
    private ProjectKey? Load(string publicKey)
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AppDbContext>().Projects.AsNoTracking()
            .Where(p => p.PublicKey == publicKey)
            .Select(p => new ProjectKey(p.Id, p.IsEnabled))
            .FirstOrDefault();
    }
}
