namespace Bugsink.Benchmarks.Load;

// A run ends after a fixed time or after a fixed number of requests, whichever was asked for.
public readonly record struct LoadLimit(TimeSpan? Duration, long? Count)
{
    public static LoadLimit ForDuration(TimeSpan duration) => new(duration, null);

    public static LoadLimit ForCount(long count) => new(null, count);

    public override string ToString() => Count is { } count
        ? FormattableString.Invariant($"{count} requests")
        : FormattableString.Invariant($"{Duration!.Value.TotalSeconds:0.#} s");
}
