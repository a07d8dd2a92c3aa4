using System.Collections.Concurrent;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Bugsink.Web.Features.PayloadDictionaries;

// Zstd contexts are not thread-safe, and making one and loading a 110 KB dictionary into it measured
// ~450 µs, thirty times the cost of compressing a 4 KB event with it. So contexts are kept per
// dictionary and level and reused; a pool grows to the most compressions that ever ran at once
// (~290 KB each), and only beyond a generous bound are contexts disposed on return.
public static class ZstdPool
{
    private const int MaxPooled = 32;

    private static readonly ConcurrentDictionary<(uint DictionaryId, int Level), ConcurrentBag<Compressor>> Compressors = [];
    private static readonly ConcurrentDictionary<uint, ConcurrentBag<Decompressor>> Decompressors = [];

    public static Compressor RentCompressor(PayloadDictionary? dictionary, int level)
    {
        if (Compressors.GetOrAdd((dictionary?.Id ?? 0, level), _ => []).TryTake(out var pooled))
        {
            return pooled;
        }

        var compressor = new Compressor(level);
        // The checksum catches a frame read with the wrong dictionary or damaged on disk.
        compressor.SetParameter(ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        if (dictionary is not null)
        {
            compressor.LoadDictionary(dictionary.Data);
        }

        return compressor;
    }

    public static Decompressor RentDecompressor(PayloadDictionary? dictionary)
    {
        if (Decompressors.GetOrAdd(dictionary?.Id ?? 0, _ => []).TryTake(out var pooled))
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

    private static void Return<TKey, T>(ConcurrentDictionary<TKey, ConcurrentBag<T>> pools, TKey id, T context)
        where TKey : notnull
        where T : IDisposable
    {
        var pool = pools.GetOrAdd(id, _ => []);
        if (pool.Count < MaxPooled)
        {
            pool.Add(context);
        }
        else
        {
            context.Dispose();
        }
    }
}
