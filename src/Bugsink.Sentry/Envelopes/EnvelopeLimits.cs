namespace Bugsink.Sentry.Envelopes;

// Per-envelope limits checked while framing (PROTOCOL.md §6). The whole-body caps live in ContentDecoder.
// Defaults follow Bugsink's settings; Relay's are larger for attachments (200 MiB).
public sealed record EnvelopeLimits
{
    public static EnvelopeLimits Default { get; } = new();

    // Per header line: the envelope header and every item header.
    public int MaxHeaderBytes { get; init; } = 8 * 1024;

    // Per event-like item (see ItemTypes.IsEventLike), decoded.
    public int MaxEventBytes { get; init; } = 1024 * 1024;

    // Per attachment-like item (attachment, user_report).
    public long MaxAttachmentBytes { get; init; } = 100L * 1024 * 1024;

    public int MaxAttachmentCount { get; init; } = 30;

    public int MaxItems { get; init; } = 1000;
}
