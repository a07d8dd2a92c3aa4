using System.Buffers;
using System.Runtime.InteropServices;
using Bugsink.Web.Features.Ingest;
using Microsoft.Data.Sqlite;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Bugsink.Web.Features.PayloadDictionaries;

// A project's newest payloads, decompressed side by side into one buffer, as the dictionary trainer takes
// them. The total is bounded: zstd's guidance is samples of about 100 times the dictionary's size, and
// 1,000 events of 50 KB each held ~50 MB of samples plus ZstdSharp's doubling copy of them (another
// ~130 MB of large-object arrays), which put the server over 400 MB at the moment a busy project trained
// its dictionary. Oversized events contribute their beginning only, so even 1 MiB events give enough samples.
public sealed class DictionarySamples
{
    private readonly byte[] _buffer;
    private readonly List<nuint> _sizes = [];
    private int _length;

    private DictionarySamples(int maxBytes) => _buffer = GC.AllocateUninitializedArray<byte>(maxBytes);

    public int Count => _sizes.Count;

    public int Length => _length;

    public static DictionarySamples Read(SqliteConnection connection, long projectId, int maxSamples, int maxBytes, int maxBytesPerSample)
    {
        using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$limit", maxSamples);
        command.Parameters.AddWithValue("$perSample", maxBytesPerSample);
        const string Newest = "FROM Events WHERE ProjectId = $project AND IsParsable = 1 ORDER BY Id DESC LIMIT $limit";

        // A project of small events needs far less than the bound.
        command.CommandText = $"SELECT coalesce(sum(min(PayloadSize, $perSample)), 0) FROM (SELECT PayloadSize {Newest})";
        var samples = new DictionarySamples((int)Math.Min(maxBytes, (long)command.ExecuteScalar()!));

        command.CommandText = $"SELECT Payload, PayloadSize {Newest}";
        using var reader = command.ExecuteReader();
        while (reader.Read() && samples.TryAdd((byte[])reader[0], reader.GetInt32(1), maxBytesPerSample))
        {
        }

        return samples;
    }

    // False once the buffer is full. A damaged payload teaches nothing and is skipped.
    private bool TryAdd(byte[] stored, int size, int maxBytesPerSample)
    {
        var take = Math.Min(size, maxBytesPerSample);
        if (_length + take > _buffer.Length)
        {
            return false;
        }

        var scratch = take < size ? ArrayPool<byte>.Shared.Rent(size) : null;
        try
        {
            var target = scratch is null ? _buffer.AsSpan(_length, size) : scratch.AsSpan(0, size);
            PayloadCompression.Decompress(stored, target);
            if (scratch is not null)
            {
                scratch.AsSpan(0, take).CopyTo(_buffer.AsSpan(_length));
            }
        }
        catch (InvalidDataException)
        {
            return true;
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }

        _length += take;
        _sizes.Add((nuint)take);
        return true;
    }

    // ZstdSharp's DictBuilder would first copy the samples into a growing MemoryStream; the trainer
    // itself takes exactly this layout (the samples back to back, and their sizes).
    public unsafe byte[] Train(int capacity)
    {
        var dictionary = new byte[capacity];
        var sizes = CollectionsMarshal.AsSpan(_sizes);
        nuint written;
        fixed (byte* dictionaryPointer = dictionary)
        fixed (byte* samplesPointer = _buffer)
        fixed (nuint* sizesPointer = sizes)
        {
            written = Methods.ZDICT_trainFromBuffer(dictionaryPointer, (nuint)capacity, samplesPointer, sizesPointer, (uint)sizes.Length);
        }

        if (Methods.ZDICT_isError(written))
        {
            throw new ZstdException(ZSTD_ErrorCode.ZSTD_error_GENERIC, $"dictionary training failed: {Methods.ZDICT_getErrorName(written)}");
        }

        return dictionary.AsSpan(0, (int)written).ToArray();
    }
}
