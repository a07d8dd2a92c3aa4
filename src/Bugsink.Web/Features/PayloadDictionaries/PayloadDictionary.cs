using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Bugsink.Web.Features.PayloadDictionaries;

// A trained zstd dictionary. Its id is derived from its content, so the same id always means the same
// bytes, even when several databases are open in one process (tests run many servers in one process),
// and the id written into every frame header is all a reader needs to find it.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A zstd dictionary, not a collection.")]
public sealed record PayloadDictionary(uint Id, byte[] Data)
{
    // RFC 8878 §5: ids below 32,768 and from 2^31 up are reserved for public dictionaries.
    private const uint FirstPrivateId = 32_768;
    private const uint PrivateIdCount = (1u << 31) - FirstPrivateId;

    // Zstd dictionaries start with a magic number and then their id (RFC 8878 §5); the trainer chose a
    // random one, which we replace with the content-derived id.
    public static PayloadDictionary FromTrained(byte[] trained)
    {
        ArgumentNullException.ThrowIfNull(trained);
        var data = (byte[])trained.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), 0);
        var hash = BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(data));
        var id = FirstPrivateId + (uint)(hash % PrivateIdCount);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), id);
        return new PayloadDictionary(id, data);
    }
}
