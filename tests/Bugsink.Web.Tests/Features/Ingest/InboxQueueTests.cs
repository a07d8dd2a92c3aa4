using Bugsink.Web.Features.Ingest;

namespace Bugsink.Web.Tests.Features.Ingest;

// The hand-off between request threads and the inbox writer's thread: a write that is queued must
// reach the writer (or be failed at shutdown), never sit unseen while the writer sleeps.
public sealed class InboxQueueTests : IDisposable
{
    private readonly InboxQueue _queue = new();

    [Fact]
    public void Take_ReturnsQueuedWritesInOrder_UpToTheBatchLimit()
    {
        var writes = Enumerable.Range(0, 5).Select(_ => NewWrite()).ToList();
        writes.ForEach(_queue.Add);

        var batch = new List<InboxWrite>();
        _queue.Take(batch, 3, CancellationToken.None);
        Assert.Equal(writes.Take(3), batch);

        batch.Clear();
        _queue.Take(batch, 3, CancellationToken.None);
        Assert.Equal(writes.Skip(3), batch);
    }

    [Fact]
    public async Task Take_SleepsWhileEmpty_AndWakesForAWriteFromAnotherThread()
    {
        var batch = new List<InboxWrite>();
        var taking = Task.Factory.StartNew(() => _queue.Take(batch, 10, CancellationToken.None), TaskCreationOptions.LongRunning);
        await Task.Delay(100);
        Assert.False(taking.IsCompleted);

        var write = NewWrite();
        await Task.Run(() => _queue.Add(write));
        await taking.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([write], batch);
    }

    [Fact]
    public async Task EveryWrite_FromManyThreads_ReachesTheWriter()
    {
        const int Producers = 8, PerProducer = 5_000;
        var seen = 0;
        var consumer = Task.Factory.StartNew(
            () =>
            {
                var batch = new List<InboxWrite>();
                while (seen < Producers * PerProducer)
                {
                    _queue.Take(batch, 100, CancellationToken.None);
                    seen += batch.Count;
                    batch.Clear();
                }
            },
            TaskCreationOptions.LongRunning);

        // Producers pause now and then so the writer keeps falling asleep and being woken.
        await Task.WhenAll(Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < PerProducer; i++)
            {
                _queue.Add(NewWrite());
                if (i % 500 == p)
                {
                    await Task.Delay(1);
                }
            }
        })));
        await consumer.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Producers * PerProducer, seen);
    }

    [Fact]
    public void Take_ThrowsWhenStopping_AndClose_HandsBackWhatWasLeft_ThenFailsLaterWrites()
    {
        using var stopping = new CancellationTokenSource();
        stopping.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => _queue.Take([], 10, stopping.Token));

        var queued = NewWrite();
        _queue.Add(queued);
        Assert.Equal([queued], _queue.Close());

        var late = NewWrite();
        _queue.Add(late);
        Assert.True(late.Committed.Task.IsFaulted);
    }

    public void Dispose() => _queue.Dispose();

    private static InboxWrite NewWrite() => new(null, []);
}
