namespace Bugsink.Sentry.Compression;

// Wraps the raw request body: counts compressed bytes against a cap and lets the decoder sniff the first bytes
// (gzip/zlib magic) without needing a seekable stream. Once the cap is passed it reports end-of-stream and sets
// IsOverLimit, so the decompressor stops; the caller checks the flag before trusting any other outcome.
internal sealed class CountingReadStream(Stream inner, long maxBytes) : ForwardOnlyReadStream
{
    private readonly byte[] _peeked = new byte[2];
    private int _peekedCount;
    private int _peekedOffset;

    public long BytesRead { get; private set; }

    public bool IsOverLimit { get; private set; }

    // Reads up to two bytes ahead; they are replayed by the next reads. Fewer come back only at end of stream.
    public async ValueTask<ReadOnlyMemory<byte>> PeekAsync(CancellationToken cancellationToken)
    {
        while (_peekedCount < _peeked.Length)
        {
            var read = await ReadInnerAsync(_peeked.AsMemory(_peekedCount), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            _peekedCount += read;
        }

        return _peeked.AsMemory(0, _peekedCount);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_peekedOffset < _peekedCount)
        {
            var count = Math.Min(buffer.Length, _peekedCount - _peekedOffset);
            _peeked.AsMemory(_peekedOffset, count).CopyTo(buffer);
            _peekedOffset += count;
            return count;
        }

        return await ReadInnerAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_peekedOffset < _peekedCount)
        {
            var count = Math.Min(buffer.Length, _peekedCount - _peekedOffset);
            _peeked.AsSpan(_peekedOffset, count).CopyTo(buffer);
            _peekedOffset += count;
            return count;
        }

        if (IsOverLimit || buffer.IsEmpty)
        {
            return 0;
        }

        return Account(inner.Read(buffer[..Allowance(buffer.Length)]));
    }

    private async ValueTask<int> ReadInnerAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (IsOverLimit || buffer.IsEmpty)
        {
            return 0;
        }

        var read = await inner.ReadAsync(buffer[..Allowance(buffer.Length)], cancellationToken).ConfigureAwait(false);
        return Account(read);
    }

    // Ask for one byte more than the remaining allowance so that "exactly at the cap" is still accepted.
    private int Allowance(int wanted)
    {
        var remaining = maxBytes - BytesRead;
        return remaining < wanted ? (int)remaining + 1 : wanted;
    }

    private int Account(int read)
    {
        BytesRead += read;
        if (BytesRead > maxBytes)
        {
            IsOverLimit = true;
            return 0;
        }

        return read;
    }
}
