using System.Buffers;
using System.Runtime.InteropServices;
using Bugsink.Web.Features.Ingest;
using System.Data.Common;
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

    // SQL both engines take (quoted names, @name parameters, CASE for SQLite's two-argument min).
    public static DictionarySamples Read(DbConnection connection, long projectId, int maxSamples, int maxBytes, int maxBytesPerSample)
    {
        using var command = connection.CreateCommand();
        Add(command, "project", projectId);
        Add(command, "limit", maxSamples);
        Add(command, "perSample", maxBytesPerSample);
        const string Newest = """FROM "Events" WHERE "ProjectId" = @project AND "IsParsable" = TRUE ORDER BY "Id" DESC LIMIT @limit""";

        // A project of small events needs far less than the bound.
        command.CommandText = $"""
            SELECT CAST(coalesce(sum(CASE WHEN "PayloadSize" < @perSample THEN "PayloadSize" ELSE @perSample END), 0) AS BIGINT)
            FROM (SELECT "PayloadSize" {Newest}) AS newest
            """;
        var samples = new DictionarySamples((int)Math.Min(maxBytes, Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)));

        command.CommandText = $"""SELECT "Payload", "PayloadSize" {Newest}""";
        using var reader = command.ExecuteReader();
        while (reader.Read() && samples.TryAdd((byte[])reader[0], reader.GetInt32(1), maxBytesPerSample))
        {
        }

        return samples;
    }

    public static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
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
