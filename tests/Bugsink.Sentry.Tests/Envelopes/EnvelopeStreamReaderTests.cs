using System.Text;
using Bugsink.Sentry.Envelopes;

namespace Bugsink.Sentry.Tests.Envelopes;

// What only the streaming framer does: hold an item up to its own limit, spool big attachments, and stop
// reading the body as soon as the answer is known.
public sealed class EnvelopeStreamReaderTests : IDisposable
{
    private readonly string _spool = Directory.CreateTempSubdirectory("bugsink-spool-").FullName;

    [Fact]
    public async Task LargeAttachment_IsSpooledToAFile_AndTheEventStaysInMemory()
    {
        var attachment = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(attachment);
        var body = Concat("{}\n{\"type\":\"event\"}\n{\"message\":\"hi\"}\n{\"type\":\"attachment\",\"length\":" + attachment.Length + "}\n", attachment, "\n");
        using var reader = new EnvelopeStreamReader(new MemoryStream(body), EnvelopeLimits.Default, new EnvelopeSpooling(_spool, 1024 * 1024));

        Assert.Null(await reader.ReadHeaderAsync(CancellationToken.None));
        var result = await reader.ReadItemsAsync(CancellationToken.None);

        Assert.True(result.IsSuccess);
        using var envelope = result.Envelope;
        Assert.Equal("{\"message\":\"hi\"}", Encoding.UTF8.GetString(envelope.Items[0].Payload.Span));
        var spooled = envelope.Items[1].Spooled;
        Assert.NotNull(spooled);
        Assert.Equal(attachment.Length, envelope.Items[1].PayloadLength);
        using var copy = new MemoryStream();
        await spooled.OpenRead().CopyToAsync(copy);
        Assert.Equal(attachment, copy.ToArray());
        Assert.Single(Directory.GetFiles(_spool));
        envelope.Dispose();
        Assert.Empty(Directory.GetFiles(_spool));
    }

    [Fact]
    public async Task LargeItemOfATypeNobodyKeeps_IsFramedButNotHeld()
    {
        var body = Concat("{}\n{\"type\":\"replay_recording\"}\n", new byte[2 * 1024 * 1024], "\n{\"type\":\"event\",\"length\":2}\n{}");
        using var reader = new EnvelopeStreamReader(new MemoryStream(body), EnvelopeLimits.Default, new EnvelopeSpooling(_spool, 1024 * 1024));

        Assert.Null(await reader.ReadHeaderAsync(CancellationToken.None));
        var result = await reader.ReadItemsAsync(CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.True(result.Envelope.Items[0].PayloadDiscarded);
        Assert.Equal(2 * 1024 * 1024, result.Envelope.Items[0].PayloadLength);
        Assert.Equal("{}", Encoding.UTF8.GetString(result.Envelope.Items[1].Payload.Span));
        Assert.Empty(Directory.GetFiles(_spool));
    }

    [Fact]
    public async Task DeclaredLengthOverTheLimit_IsRefusedBeforeItsPayloadIsRead()
    {
        using var input = new EndlessZeros("{}\n{\"type\":\"attachment\",\"length\":4000000000}\n");
        using var reader = new EnvelopeStreamReader(input, EnvelopeLimits.Default, new EnvelopeSpooling(_spool, 1024 * 1024));

        Assert.Null(await reader.ReadHeaderAsync(CancellationToken.None));
        var result = await reader.ReadItemsAsync(CancellationToken.None);

        Assert.Equal(413, result.StatusCode);
        Assert.True(input.Served <= 64 * 1024, $"read {input.Served} bytes");
    }

    [Fact]
    public async Task ImplicitLengthOverTheLimit_StopsReadingJustPastIt()
    {
        using var input = new EndlessZeros("{}\n{\"type\":\"event\"}\n");
        using var reader = new EnvelopeStreamReader(input, EnvelopeLimits.Default, new EnvelopeSpooling(_spool, 1024 * 1024));

        Assert.Null(await reader.ReadHeaderAsync(CancellationToken.None));
        var result = await reader.ReadItemsAsync(CancellationToken.None);

        Assert.Equal(413, result.StatusCode);
        Assert.True(input.Served <= EnvelopeLimits.Default.MaxEventBytes + (128 * 1024), $"read {input.Served} bytes");
    }

    [Fact]
    public async Task Header_IsReadWithoutReadingTheRestOfTheBody()
    {
        using var input = new EndlessZeros("{\"dsn\":\"https://public@example.com/1\"}\n");
        using var reader = new EnvelopeStreamReader(input, EnvelopeLimits.Default);

        Assert.Null(await reader.ReadHeaderAsync(CancellationToken.None));

        Assert.Equal("https://public@example.com/1", reader.Header!.Dsn);
        Assert.True(input.Served <= 64 * 1024, $"read {input.Served} bytes");
    }

    public void Dispose() => Directory.Delete(_spool, recursive: true);

    private static byte[] Concat(string head, byte[] middle, string tail) =>
        [.. Encoding.UTF8.GetBytes(head), .. middle, .. Encoding.UTF8.GetBytes(tail)];

    // A prefix, then zeros for ever: what a decompression bomb looks like once decoded.
    private sealed class EndlessZeros(string prefix) : Stream
    {
        private readonly byte[] _prefix = Encoding.UTF8.GetBytes(prefix);

        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var span = buffer.AsSpan(offset, count);
            span.Clear();
            var fromPrefix = (int)Math.Clamp(_prefix.Length - Served, 0, count);
            if (fromPrefix > 0)
            {
                _prefix.AsSpan((int)Served, fromPrefix).CopyTo(span);
            }

            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
