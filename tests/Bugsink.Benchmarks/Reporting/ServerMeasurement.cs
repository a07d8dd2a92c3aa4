using Bugsink.Benchmarks.Digest;
using Bugsink.Benchmarks.Load;

namespace Bugsink.Benchmarks.Reporting;

// Everything measured against one server. Nullable figures were not measurable (for instance the
// working set and disk use of a server we did not start).
public sealed record ServerMeasurement(
    LoadResult Load,
    long WarmupAcknowledged,
    double? DrainedAfterSeconds,
    IReadOnlyList<LagSample> Lag,
    StorageFigures? Storage,
    long? PeakWorkingSetBytes,
    long? StorageWriteBytes,
    CpuUse LoadCpu,
    CpuUse? DrainCpu,
    string Pages,
    string ServerOutput)
{
    // The same server restarted with the digest paused (null when not measured), and the same again in
    // rounds alternating with the baseline (null without a baseline).
    public (LoadResult Load, CpuUse Cpu, AlternatingMeasurement? Alternating)? IngestAlone { get; init; }

    // Acknowledged events over the time from the first send until the last of them was digested.
    public double? EndToEndPerSecond => DrainedAfterSeconds is { } seconds && seconds > 0 ? Load.Acknowledged / seconds : null;

    public double? DigestTailSeconds => DrainedAfterSeconds - Load.Elapsed.TotalSeconds;

    // What ingest plus digest wrote to disk per acknowledged event (inbox, main database, WALs, checkpoints).
    public double? StorageWritesPerEvent => StorageWriteBytes is { } bytes && Load.Acknowledged > 0 ? (double)bytes / Load.Acknowledged : null;

    public long MaxWaiting => Lag.Count == 0 ? 0 : Lag.Max(s => s.Waiting);
}
