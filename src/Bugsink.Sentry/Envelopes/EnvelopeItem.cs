namespace Bugsink.Sentry.Envelopes;

// One item. A payload larger than the framer keeps in memory is either Spooled (attachments) or, for items
// nobody stores, PayloadDiscarded; PayloadLength is its size in every case.
public sealed class EnvelopeItem
{
    internal EnvelopeItem(
        in ItemHeaderFields header, ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> rawHeader,
        SpooledPayload? spooled = null, long? payloadLength = null, bool payloadDiscarded = false)
    {
        Spooled = spooled;
        PayloadLength = payloadLength ?? payload.Length;
        PayloadDiscarded = payloadDiscarded;
        Type = header.Type!;
        DeclaredLength = header.Length;
        Filename = header.Filename;
        ContentType = header.ContentType;
        AttachmentType = header.AttachmentType;
        Payload = payload;
        RawHeader = rawHeader;
    }

    public string Type { get; }

    public ReadOnlyMemory<byte> Payload { get; }

    public SpooledPayload? Spooled { get; }

    public long PayloadLength { get; }

    public bool PayloadDiscarded { get; }

    // The item header's "length", or null when the payload ran to the next newline.
    public long? DeclaredLength { get; }

    public string? Filename { get; }

    public string? ContentType { get; }

    public string? AttachmentType { get; }

    public ReadOnlyMemory<byte> RawHeader { get; }
}
