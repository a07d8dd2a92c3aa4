namespace Bugsink.Web.Infrastructure.Database;

// One episode of "this database cannot grow" (disk full, or a test's page cap): the writer that meets it
// says so once when its writes start failing and once when they work again, instead of logging an error
// per attempt for what is an operator's matter and loses nothing (nothing failed was acknowledged).
public sealed class OutOfSpace
{
    public const string Digest = "digest";

    private int _full;

    public bool IsFull => Volatile.Read(ref _full) == 1;

    // True only for the first failure of an episode.
    public bool Begin() => Interlocked.Exchange(ref _full, 1) == 0;

    // True only for the first success after an episode.
    public bool End() => Volatile.Read(ref _full) == 1 && Interlocked.Exchange(ref _full, 0) == 1;
}
