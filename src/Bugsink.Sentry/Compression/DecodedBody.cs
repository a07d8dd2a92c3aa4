using System.Buffers;

namespace Bugsink.Sentry.Compression;

// A request body in memory. It usually owns a buffer rented from ArrayPool, so it must be disposed once the
// envelope has been parsed and every slice of Content has been copied or dropped.
public sealed class DecodedBody : IDisposable
{
    private byte[]? _buffer;
    private readonly int _length;
    private readonly bool _isPooled;

    internal DecodedBody(byte[] buffer, int length, bool isPooled)
    {
        _buffer = buffer;
        _length = length;
        _isPooled = isPooled;
    }

    public static DecodedBody FromArray(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new DecodedBody(content, content.Length, isPooled: false);
    }

    public ReadOnlyMemory<byte> Content
    {
        get
        {
            ObjectDisposedException.ThrowIf(_buffer is null, this);
            return _buffer.AsMemory(0, _length);
        }
    }

    public int Length => _length;

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null && _isPooled)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
