namespace Bugsink.Benchmarks.Reporting;

// Ingest alone and the baseline measured in short alternating rounds with both servers up, so that the
// machine's drift (on two shared cores it moves either figure by 10-20% within seconds) hits both alike.
public sealed record AlternatingMeasurement(int Rounds, TimeSpan Each, double IngestPerSecond, double BaselinePerSecond, string Errors)
{
    public double Ratio => BaselinePerSecond > 0 ? IngestPerSecond / BaselinePerSecond : double.NaN;
}
