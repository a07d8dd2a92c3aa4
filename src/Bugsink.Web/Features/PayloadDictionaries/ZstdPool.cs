using System.Collections.Concurrent;
using ZstdSharp;

namespace Bugsink.Web.Features.PayloadDictionaries;

// Zstd contexts are not thread-safe, and making one and loading a 110 KB dictionary into it measured
// ~450 µs, thirty times the cost of compressing a 4 KB event with it. So contexts are kept per
// dictionary and level and reused; a pool grows to the most compressions that ever ran at once
// (~290 KB each), and only beyond a generous bound are contexts disposed on return.
public static class ZstdPool
{
    private const int MaxPooled = 32;

    private static readonly ConcurrentDictionary<(uint DictionaryId, int Level), ConcurrentStack<Compressor>> Compressors = [];
    private static readonly ConcurrentDictionary<uint, ConcurrentStack<Decompressor>> Decompressors = [];

    public static Compressor RentCompressor(PayloadDictionary? dictionary, int level)
    {
        if (Compressors.GetOrAdd((dictionary?.Id ?? 0, level), _ => []).TryPop(out var pooled))
        {
            return pooled;
        }

        // No content checksum: ZstdSharp's XXH64 doubled the cost of compressing a 4 KB event (13.5 µs
        // instead of 6.9) and is paid again on every read. A wrong dictionary cannot be picked (the frame
        // names its own, by a content-derived id) and reading checks the decompressed size.
        var compressor = new Compressor(level);
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

    public static void Return(uint dictionaryId, int level, Compressor compressor) => Return(Compressors, (dictionaryId, level), compressor);

    public static void Return(uint dictionaryId, Decompressor decompressor) => Return(Decompressors, dictionaryId, decompressor);

    private static void Return<TKey, T>(ConcurrentDictionary<TKey, ConcurrentStack<T>> pools, TKey id, T context)
        where TKey : notnull
        where T : IDisposable
    {
        var pool = pools.GetOrAdd(id, _ => []);
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
