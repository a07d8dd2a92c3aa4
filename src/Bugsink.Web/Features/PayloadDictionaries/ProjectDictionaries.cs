using System.Collections.Concurrent;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.PayloadDictionaries;

// Which dictionary each project's new payloads are compressed with: the newest one trained for it.
// Loaded before the server listens, so every stored payload can be read from the first request on.
public sealed class ProjectDictionaries(IServiceScopeFactory scopes) : IHostedService
{
    private readonly ConcurrentDictionary<long, PayloadDictionary> _current = [];

    public PayloadDictionary? For(long projectId) => _current.GetValueOrDefault(projectId);

    public void Publish(long projectId, PayloadDictionary dictionary)
    {
        KnownDictionaries.Register(dictionary);
        _current[projectId] = dictionary;
    }

    // Through the context, so it reads whichever engine holds the installation; once per start, off the hot path.
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Oldest first, so each project ends up with its newest dictionary current.
        var stored = await db.Set<StoredDictionary>().AsNoTracking()
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.ProjectId, d.Data })
            .ToListAsync(cancellationToken);
        foreach (var dictionary in stored)
        {
            Publish(dictionary.ProjectId, new PayloadDictionary((uint)dictionary.Id, dictionary.Data));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
