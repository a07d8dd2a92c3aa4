namespace Bugsink.Sentry.Envelopes;

// One item. Payload and RawHeader are slices of the decoded body, so they are only valid while it is alive.
public sealed class EnvelopeItem
{
    internal EnvelopeItem(in ItemHeaderFields header, ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> rawHeader)
    {
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

    // The item header's "length", or null when the payload ran to the next newline.
    public long? DeclaredLength { get; }

    public string? Filename { get; }

    public string? ContentType { get; }

    public string? AttachmentType { get; }

    public ReadOnlyMemory<byte> RawHeader { get; }
}
