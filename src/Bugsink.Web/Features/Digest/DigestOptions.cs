namespace Bugsink.Web.Features.Digest;

public sealed class DigestOptions
{
    public const string Section = "Bugsink:Digest";

    // The Hangfire queue with exactly one worker: SQLite has one writer.
    public const string Queue = "digest";

    // Events per transaction on the main database: large enough that the fsync is amortised,
    // small enough that pages reading the database never wait long.
    public int BatchSize { get; set; } = 1000;

    public int AttachmentBatchSize { get; set; } = 100;

    // Accept and store events but do not digest them (maintenance, or measuring the digest alone
    // on a pre-filled inbox). Acknowledged events wait safely in the inbox.
    public bool Paused { get; set; }
}
