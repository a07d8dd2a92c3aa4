using System.Collections.Concurrent;

namespace Bugsink.Web.Features.Ingest;

// Hands writes from request threads to the inbox writer's own thread. The writer sleeps on a
// semaphore only when the queue is empty, and a producer wakes it only when it sleeps, so under load
// a write costs one lock-free enqueue. (A Channel woke the writer through the thread pool, where its
// continuation queued behind the requests it was about to complete.)
internal sealed class InboxQueue : IDisposable
{
    private readonly ConcurrentQueue<InboxWrite> _writes = new();
    private readonly SemaphoreSlim _wake = new(0);
    private int _sleeping;
    private int _closed;

    public void Add(InboxWrite write)
    {
        _writes.Enqueue(write);
        if (Volatile.Read(ref _closed) == 1)
        {
            // The writer may already have failed what was left; failing twice is harmless.
            FailShuttingDown(write);
            return;
        }

        if (Volatile.Read(ref _sleeping) == 1 && Interlocked.CompareExchange(ref _sleeping, 0, 1) == 1)
        {
            _wake.Release();
        }
    }

    // Takes up to max writes, waiting while there are none; throws when stopping is cancelled.
    public void Take(List<InboxWrite> batch, int max, CancellationToken stopping)
    {
        while (true)
        {
            while (batch.Count < max && _writes.TryDequeue(out var write))
            {
                batch.Add(write);
            }

            if (batch.Count > 0)
            {
                return;
            }

            // A full fence (not a plain store) before looking at the queue again: a producer that enqueued
            // without seeing the flag must have its write seen here, or it would wait for the next one.
            Interlocked.Exchange(ref _sleeping, 1);
            if (!_writes.IsEmpty && Interlocked.CompareExchange(ref _sleeping, 0, 1) == 1)
            {
                continue;
            }

            _wake.Wait(stopping);
        }
    }

    // After this every Add fails its own write; the writes still queued are returned for failing.
    public List<InboxWrite> Close()
    {
        Interlocked.Exchange(ref _closed, 1);
        var left = new List<InboxWrite>();
        while (_writes.TryDequeue(out var write))
        {
            left.Add(write);
        }

        return left;
    }

    // Never acknowledged, so nothing is lost: the request answers 503 and the SDK may send it again.
    public static void FailShuttingDown(InboxWrite write) =>
        write.Committed.TrySetException(new OperationCanceledException("Server is shutting down."));

    public void Dispose() => _wake.Dispose();
}
