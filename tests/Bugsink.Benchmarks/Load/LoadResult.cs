namespace Bugsink.Benchmarks.Load;

// What one load phase measured. Latencies are of acknowledged (200) requests only, sorted, in ms.
// Error key 0 stands for requests that got no HTTP answer at all (connection reset, timeout).
public sealed record LoadResult(
    long Acknowledged,
    TimeSpan Elapsed,
    long FirstSendTimestamp,
    double[] LatenciesMs,
    IReadOnlyDictionary<int, long> Errors)
{
    public double AcknowledgedPerSecond => Elapsed > TimeSpan.Zero ? Acknowledged / Elapsed.TotalSeconds : 0;

    public double Percentile(double fraction)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(fraction * LatenciesMs.Length) - 1;
        return LatenciesMs[Math.Clamp(index, 0, LatenciesMs.Length - 1)];
    }

    public double MaxMs => LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[^1];

    public string DescribeErrors() => DescribeErrors(Errors);

    public static string DescribeErrors(IReadOnlyDictionary<int, long> errors) => errors.Count == 0
        ? "none"
        : string.Join(", ", errors.OrderBy(e => e.Key).Select(e => FormattableString.Invariant(
            $"{(e.Key == 0 ? "no response" : e.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))} x{e.Value:N0}")));
}
