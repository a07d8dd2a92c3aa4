using System.Buffers;

namespace Bugsink.Sentry.Envelopes;

// Frames an envelope exactly as Relay does (PROTOCOL.md §5.4) while the body is still being read, so that
// memory is bounded by one item at a time and never by the body: the header first (a caller may authenticate
// with its DSN before anything else is decoded), then each item, held only up to its own limit. Framing
// errors answer 400, a limit 413, as Relay's check_envelope_size_limits does; a declared length over a limit
// is refused before its payload is read.
public sealed class EnvelopeStreamReader : IDisposable
{
    private const byte Newline = (byte)'\n';
    private const int BufferSize = 64 * 1024;
    private static readonly SearchValues<byte> s_whitespace = SearchValues.Create(" \t\r\n"u8);

    private readonly Stream _input;
    private readonly EnvelopeLimits _limits;
    private readonly EnvelopeSpooling _spooling;
    private byte[]? _buffer;
    private int _start;
    private int _end;
    private bool _eof;

    public EnvelopeStreamReader(Stream input, EnvelopeLimits limits, EnvelopeSpooling? spooling = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(limits);
        _input = input;
        _limits = limits;
        _spooling = spooling ?? EnvelopeSpooling.InMemory;
        // Room for the longest header line plus its newline, so a line never straddles a full buffer.
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(BufferSize, limits.MaxHeaderBytes + 2));
    }

    public EnvelopeHeader? Header { get; private set; }

    private Span<byte> Buffered => _buffer.AsSpan(_start, _end - _start);

    // Reads no more of the body than the header line needs (at most one buffer, 64 KiB decoded).
    public async Task<EnvelopeParseResult?> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        if (!await FillAsync(cancellationToken).ConfigureAwait(false))
        {
            return new EnvelopeParseResult(null, 400, "empty request body", []);
        }

        if (!await SkipWhitespaceAsync(cancellationToken).ConfigureAwait(false))
        {
            return EnvelopeParseResult.Invalid("missing envelope header");
        }

        var (line, _) = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (line is null)
        {
            return HeaderTooLarge("envelope header");
        }

        var problem = HeaderLineReader.ReadEnvelopeHeader(line, out var eventId, out var eventIdInvalid, out var dsn);
        if (problem is not null)
        {
            return EnvelopeParseResult.Invalid(problem);
        }

        Header = new EnvelopeHeader(eventId, eventIdInvalid, dsn, line);
        return null;
    }

    // After ReadHeaderAsync succeeded: every item to the end of the body. On failure nothing stays spooled.
    public async Task<EnvelopeParseResult> ReadItemsAsync(CancellationToken cancellationToken)
    {
        var header = Header ?? throw new InvalidOperationException("Read the header first.");
        var items = new List<EnvelopeItem>();
        try
        {
            var result = await ReadAllItemsAsync(items, cancellationToken).ConfigureAwait(false);
            if (result is not null)
            {
                items.ForEach(item => item.Spooled?.Dispose());
                return result;
            }

            return EnvelopeParseResult.Success(new Envelope(header, items));
        }
        catch
        {
            items.ForEach(item => item.Spooled?.Dispose());
            throw;
        }
    }

    private async Task<EnvelopeParseResult?> ReadAllItemsAsync(List<EnvelopeItem> items, CancellationToken cancellationToken)
    {
        var tally = new ItemTally(_limits);
        while (await FillAsync(cancellationToken).ConfigureAwait(false))
        {
            // Blank lines between items are JSON whitespace before the next header; only-whitespace-left is an error.
            if (!await SkipWhitespaceAsync(cancellationToken).ConfigureAwait(false))
            {
                return EnvelopeParseResult.Invalid("unexpected end of file");
            }

            var (rawHeader, endedAtEof) = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (rawHeader is null)
            {
                return HeaderTooLarge("item header");
            }

            var problem = HeaderLineReader.ReadItemHeader(rawHeader, out var fields);
            if (problem is not null)
            {
                return EnvelopeParseResult.Invalid(problem);
            }

            var type = fields.Type!;
            var maxPayload = tally.MaxPayload(type);
            if (fields.Length > maxPayload)
            {
                return EnvelopeParseResult.TooLarge($"type '{type}'", tally.Add(type, int.MaxValue, items.Count)!);
            }

            using var sink = new PayloadSink(fields.Length, _spooling.MemoryLimitFor(type, _limits), _spooling.DirectoryFor(type));
            if (fields.Length is long length)
            {
                // An item header at EOF has an empty payload (Relay's implicit_length_empty_eof regression test).
                if ((endedAtEof && length > 0) || !await CopyAsync(sink, length, cancellationToken).ConfigureAwait(false))
                {
                    return EnvelopeParseResult.Invalid("unexpected end of file");
                }

                if (await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (_buffer![_start] != Newline)
                    {
                        return EnvelopeParseResult.Invalid("missing newline after header or payload");
                    }

                    _start++;
                }
            }
            else if (!endedAtEof && !await CopyLineAsync(sink, maxPayload, cancellationToken).ConfigureAwait(false))
            {
                return EnvelopeParseResult.TooLarge($"type '{type}'", tally.Add(type, int.MaxValue, items.Count)!);
            }

            var overLimit = tally.Add(type, (int)Math.Min(sink.Length, int.MaxValue), items.Count);
            if (overLimit is not null)
            {
                return EnvelopeParseResult.TooLarge($"type '{type}'", overLimit);
            }

            var (payload, spooled) = sink.Finish();
            items.Add(new EnvelopeItem(fields, payload, rawHeader, spooled, sink.Length, sink.Discarded));
        }

        return null;
    }

    // Exactly `length` bytes into the sink; false when the body ends first.
    private async Task<bool> CopyAsync(PayloadSink sink, long length, CancellationToken cancellationToken)
    {
        var left = length;
        while (left > 0)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            var count = (int)Math.Min(left, _end - _start);
            await sink.WriteAsync(_buffer.AsMemory(_start, count), cancellationToken).ConfigureAwait(false);
            _start += count;
            left -= count;
        }

        return true;
    }

    // Up to the next newline (consumed, not kept; a '\r' before it stays in the payload, as in Relay) or the
    // end of the body. False as soon as the payload passes maxPayload.
    private async Task<bool> CopyLineAsync(PayloadSink sink, long maxPayload, CancellationToken cancellationToken)
    {
        while (_start < _end || await FillAsync(cancellationToken).ConfigureAwait(false))
        {
            var newline = Buffered.IndexOf(Newline);
            var count = newline < 0 ? _end - _start : newline;
            await sink.WriteAsync(_buffer.AsMemory(_start, count), cancellationToken).ConfigureAwait(false);
            _start += count;
            if (sink.Length > maxPayload)
            {
                return false;
            }

            if (newline >= 0)
            {
                _start++;
                return true;
            }
        }

        return true;
    }

    // One header line, copied (headers are small and kept); null when it is longer than allowed. Looks for the
    // newline only within the allowed size, so a huge junk line costs at most that much.
    private async Task<(byte[]? Line, bool EndedAtEof)> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var window = Buffered;
            var searched = window.Length > _limits.MaxHeaderBytes ? window[..(_limits.MaxHeaderBytes + 1)] : window;
            var newline = searched.IndexOf(Newline);
            if (newline >= 0)
            {
                var line = searched[..newline].ToArray();
                _start += newline + 1;
                return (line, false);
            }

            if (window.Length > _limits.MaxHeaderBytes)
            {
                return (null, false);
            }

            if (!await ReadMoreAsync(cancellationToken).ConfigureAwait(false))
            {
                var rest = Buffered.ToArray();
                _start = _end;
                return (rest, true);
            }
        }
    }

    // False at the end of the body.
    private async Task<bool> SkipWhitespaceAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var skipped = Buffered.IndexOfAnyExcept(s_whitespace);
            if (skipped >= 0)
            {
                _start += skipped;
                return true;
            }

            _start = _end;
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
    }

    // True when at least one unread byte is buffered, reading more only when none is; false at the end of the body.
    private ValueTask<bool> FillAsync(CancellationToken cancellationToken) =>
        _start < _end ? ValueTask.FromResult(true) : ReadMoreAsync(cancellationToken);

    // Reads once more after what is buffered (moved to the front first); false when the body had nothing left.
    private async ValueTask<bool> ReadMoreAsync(CancellationToken cancellationToken)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(EnvelopeStreamReader));
        if (_eof)
        {
            return false;
        }

        if (_start > 0)
        {
            Buffered.CopyTo(buffer);
            _end -= _start;
            _start = 0;
        }

        var read = await _input.ReadAsync(buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _eof = read == 0;
        _end += read;
        return read > 0;
    }

    private EnvelopeParseResult HeaderTooLarge(string what) =>
        EnvelopeParseResult.TooLarge(what, $"{what} is longer than {_limits.MaxHeaderBytes} bytes");

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
