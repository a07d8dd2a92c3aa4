namespace Bugsink.Sentry.Envelopes;

// Collects one item's payload while it is framed: in memory up to the in-memory limit, then in a spool file
// when the item may be kept that large (attachments), or not at all (items nobody keeps need only framing).
internal sealed class PayloadSink : IDisposable
{
    private const int InitialSize = 8 * 1024;
    private readonly long _memoryLimit;
    private readonly string? _spoolDirectory;
    private byte[] _memory;
    private int _length;
    private FileStream? _file;

    public PayloadSink(long? declaredLength, long memoryLimit, string? spoolDirectory)
    {
        _memoryLimit = memoryLimit;
        _spoolDirectory = spoolDirectory;
        // A declared length that fits is allocated once at its exact size: no growing, no copy at the end.
        _memory = declaredLength is { } length && length <= memoryLimit ? new byte[length] : [];
    }

    public long Length { get; private set; }

    public bool Discarded { get; private set; }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        Length += data.Length;
        if (_file is not null)
        {
            await _file.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (Discarded)
        {
            return;
        }

        if (_length + (long)data.Length > _memoryLimit)
        {
            if (_spoolDirectory is null)
            {
                Discarded = true;
                _memory = [];
                _length = 0;
                return;
            }

            _file = SpooledPayload.Create(_spoolDirectory);
            await _file.WriteAsync(_memory.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
            await _file.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            _memory = [];
            _length = 0;
            return;
        }

        if (_length + data.Length > _memory.Length)
        {
            var size = (int)Math.Min(Math.Max(Math.Max(InitialSize, 2L * _memory.Length), _length + (long)data.Length), _memoryLimit);
            var bigger = new byte[size];
            _memory.AsSpan(0, _length).CopyTo(bigger);
            _memory = bigger;
        }

        data.CopyTo(_memory.AsMemory(_length));
        _length += data.Length;
    }

    // Hands the payload over: the sink no longer owns a spool file after this.
    public (ReadOnlyMemory<byte> Payload, SpooledPayload? Spooled) Finish()
    {
        if (_file is { } file)
        {
            _file = null;
            return (ReadOnlyMemory<byte>.Empty, new SpooledPayload(file, Length));
        }

        return (_memory.AsMemory(0, _length), null);
    }

    public void Dispose() => _file?.Dispose();
}
