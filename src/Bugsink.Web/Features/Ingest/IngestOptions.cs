namespace Bugsink.Web.Features.Ingest;

// Limits follow PROTOCOL.md §6 (Relay's and Bugsink's defaults); all bind from Bugsink:Ingest.
public sealed class IngestOptions
{
    public const string Section = "Bugsink:Ingest";

    // Bytes on the wire, before decoding.
    public long MaxCompressedBytes { get; set; } = 20L * 1024 * 1024;

    // Whole envelope after decoding; checked while decoding so bombs stop early.
    public long MaxEnvelopeBytes { get; set; } = 100L * 1024 * 1024;

    // One event (or /store/ body) after decoding.
    public int MaxEventBytes { get; set; } = 1024 * 1024;

    // One header line of an envelope.
    public int MaxHeaderBytes { get; set; } = 8 * 1024;

    public long MaxAttachmentBytes { get; set; } = 100L * 1024 * 1024;

    // Nesting deeper than this is refused with 400: no SDK sends it and it costs the digest stack.
    public int MaxJsonDepth { get; set; } = 128;

    // Most events the inbox writer commits in one transaction (group commit).
    public int MaxWriteBatch { get; set; } = 2000;

    // Acknowledged but undigested events above which ingest answers 429 instead of growing the inbox.
    public long MaxBacklog { get; set; } = 1_000_000;

    // Retry-After (seconds) sent with the back-pressure 429.
    public int BackPressureRetryAfterSeconds { get; set; } = 10;
}
