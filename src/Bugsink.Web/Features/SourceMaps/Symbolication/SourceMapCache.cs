using Microsoft.Extensions.Caching.Memory;

namespace Bugsink.Web.Features.SourceMaps.Symbolication;

// Decoded maps (and "no map for this file") per project, keyed on the artifact store's generation:
// an upload changes the generation, so a miss cached before it is never consulted after it.
public sealed class SourceMapCache : IDisposable
{
    // Decoded maps are kept up to about this many bytes (map and minified file counted as read).
    private const long Budget = 128L * 1024 * 1024;
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = Budget });

    public async ValueTask<LocatedMap> GetOrAddAsync(
        long projectId, long generation, string key, Func<ValueTask<LocatedMap>> locate)
    {
        var cacheKey = (projectId, generation, key);
        if (cache.TryGetValue(cacheKey, out LocatedMap? found) && found is not null)
        {
            return found;
        }

        var located = await locate();
        cache.Set(cacheKey, located, new MemoryCacheEntryOptions { Size = Math.Min(located.Size, Budget), SlidingExpiration = Idle });
        return located;
    }

    public void Dispose() => cache.Dispose();
}
