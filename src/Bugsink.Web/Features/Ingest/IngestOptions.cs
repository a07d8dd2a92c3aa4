using System.ComponentModel.DataAnnotations;
using Bugsink.Sentry.Compression;

namespace Bugsink.Web.Features.Ingest;

// Limits follow PROTOCOL.md §6 (Relay's and Bugsink's defaults); all bind from Bugsink:Ingest.
public sealed class IngestOptions
{
    public const string Section = "Bugsink:Ingest";

    // Bytes on the wire, before decoding.
    [Range(typeof(long), "1024", "9223372036854775807")]
    public long MaxCompressedBytes { get; set; } = 20L * 1024 * 1024;

    // Whole envelope after decoding; checked while decoding so bombs stop early.
    [Range(typeof(long), "1024", "9223372036854775807")]
    public long MaxEnvelopeBytes { get; set; } = 100L * 1024 * 1024;

    // A body inflating more than this many times its wire size (past its first MiB) is refused as a bomb; 0 = no limit.
    [Range(typeof(long), "0", "9223372036854775807")]
    public long MaxCompressionRatio { get; set; } = ContentDecoder.MaxCompressionRatio;

    // One event (or /store/ body) after decoding.
    [Range(1024, int.MaxValue)]
    public int MaxEventBytes { get; set; } = 1024 * 1024;

    // One header line of an envelope.
    [Range(256, int.MaxValue)]
    public int MaxHeaderBytes { get; set; } = 8 * 1024;

    [Range(typeof(long), "0", "9223372036854775807")]

    public long MaxAttachmentBytes { get; set; } = 100L * 1024 * 1024;

    // Nesting deeper than this is refused with 400: no SDK sends it and it costs the digest stack.
    [Range(8, 100_000)]
    public int MaxJsonDepth { get; set; } = 128;

    // Most events the inbox writer commits in one transaction (group commit).
    [Range(1, 1_000_000)]
    public int MaxWriteBatch { get; set; } = 2000;

    // Acknowledged but undigested events above which ingest answers 429 instead of growing the inbox.
    [Range(typeof(long), "0", "9223372036854775807")]
    public long MaxBacklog { get; set; } = 1_000_000;

    // Retry-After (seconds) sent with the back-pressure 429.
    [Range(1, 86_400)]
    public int BackPressureRetryAfterSeconds { get; set; } = 10;

    // zstd and brotli bodies decoded at once (each holds a window of up to 2 or 4 MiB); see DecodeWindowBudget.
    [Range(1, 10_000)]
    public int MaxConcurrentWindowDecodes { get; set; } = 8;

    // Test-only: caps inbox.db at this many pages (PRAGMA max_page_count on every connection), so a test
    // can fill "the disk" and free it again without a file system of its own. 0: no cap.
    [Range(typeof(long), "0", "9223372036854775807")]
    public long InboxMaxPageCount { get; set; }
}
