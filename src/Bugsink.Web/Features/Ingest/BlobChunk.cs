namespace Bugsink.Web.Features.Ingest;

// Large attachments move between files and SQLite blobs in chunks of this size: big enough that a 100 MiB
// copy takes few blob calls, small enough that 32 at once stay a few megabytes.
public static class BlobChunk
{
    public const int Size = 256 * 1024;
}
