using System.ComponentModel.DataAnnotations;

namespace Bugsink.Web.Features.Digest;

public sealed class DigestOptions
{
    public const string Section = "Bugsink:Digest";

    // The Hangfire queue with exactly one worker: SQLite has one writer.
    public const string Queue = "digest";

    // Events per transaction on the main database. Large batches amortise the fsync and, above all,
    // let the per-batch sums (BatchTotals) fold many events of an issue into one counter upsert: with
    // 1,000 busy issues a batch of 1,000 held about one event per issue, so nothing folded. A batch
    // of 5,000 small events commits in well under a second, so pages never wait long for the writer.
    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 5000;

    // And by uncompressed payload bytes, so batches of large events stay a bounded amount of memory.
    [Range(typeof(long), "65536", "9223372036854775807")]
    public long MaxBatchBytes { get; set; } = 32L * 1024 * 1024;

    [Range(1, 100_000)]

    public int AttachmentBatchSize { get; set; } = 100;

    // Accept and store events but do not digest them (maintenance, or measuring the digest alone
    // on a pre-filled inbox). Acknowledged events wait safely in the inbox.
    public bool Paused { get; set; }

    // Test-only: caps bugsink.db at this many pages, as InboxMaxPageCount does inbox.db. 0: no cap.
    [Range(typeof(long), "0", "9223372036854775807")]
    public long DatabaseMaxPageCount { get; set; }
}
