using System.Collections.Concurrent;
using ZstdSharp;

namespace Bugsink.Web.Features.PayloadDictionaries;

// Zstd contexts are not thread-safe, and making one and loading a 110 KB dictionary into it measured
// ~450 µs, thirty times the cost of compressing a 4 KB event with it. So contexts are kept per
// dictionary and reused; a pool grows to the most compressions that ever ran at once
// (~290 KB each), and only beyond a generous bound are contexts disposed on return.
public static class ZstdPool
{
    // Level 1 throughout: with a dictionary a 4 KB event becomes ~0.45 KB in ~6 µs (brotli quality 1:
    // ~25 µs, 1.9 KB). Level 3 saves another 40 bytes, but its larger match tables miss the cache
    // between requests: it was 12% of the server's CPU in an ingest profile, and level 1 acknowledged
    // 8% more events alone. Without a dictionary, and for large events, level 3 bought ~1% in size.
    private const int Level = 1;
    private const int MaxPooled = 32;

    private static readonly ConcurrentDictionary<uint, ConcurrentStack<Compressor>> Compressors = [];
    private static readonly ConcurrentDictionary<uint, ConcurrentStack<Decompressor>> Decompressors = [];

    public static Compressor RentCompressor(PayloadDictionary? dictionary)
    {
        if (Compressors.GetOrAdd(dictionary?.Id ?? 0, _ => []).TryPop(out var pooled))
        {
            return pooled;
        }

        // No content checksum: ZstdSharp's XXH64 doubled the cost of compressing a 4 KB event (13.5 µs
        // instead of 6.9) and is paid again on every read. A wrong dictionary cannot be picked (the frame
        // names its own, by a content-derived id) and reading checks the decompressed size.
        var compressor = new Compressor(Level);
        if (dictionary is not null)
        {
            compressor.LoadDictionary(dictionary.Data);
        }

        return compressor;
    }

    public static Decompressor RentDecompressor(PayloadDictionary? dictionary)
    {
        if (Decompressors.GetOrAdd(dictionary?.Id ?? 0, _ => []).TryPop(out var pooled))
        {
            return pooled;
        }

        var decompressor = new Decompressor();
        if (dictionary is not null)
        {
            decompressor.LoadDictionary(dictionary.Data);
        }

        return decompressor;
    }

    public static void Return(uint dictionaryId, Compressor compressor) => Return(Compressors, dictionaryId, compressor);

    public static void Return(uint dictionaryId, Decompressor decompressor) => Return(Decompressors, dictionaryId, decompressor);

    private static void Return<T>(ConcurrentDictionary<uint, ConcurrentStack<T>> pools, uint dictionaryId, T context)
        where T : IDisposable
    {
        var pool = pools.GetOrAdd(dictionaryId, _ => []);
        // ConcurrentStack.Count walks the stack, but it is never long; ConcurrentBag.Count froze the
        // whole bag on every return and showed in the ingest profile.
        if (pool.Count < MaxPooled)
        {
            pool.Push(context);
        }
        else
        {
            context.Dispose();
        }
    }
}
