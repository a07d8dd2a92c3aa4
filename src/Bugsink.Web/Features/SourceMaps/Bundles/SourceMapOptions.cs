using System.ComponentModel.DataAnnotations;

namespace Bugsink.Web.Features.SourceMaps.Bundles;

// Bound from Bugsink:SourceMaps: limits on what sentry-cli may upload, and how long unused bundles stay.
public sealed class SourceMapOptions
{
    public const string Section = "Bugsink:SourceMaps";

    // One bundle as uploaded (all its chunks together), and the files inside it once unpacked.
    [Range(typeof(long), "1", "9223372036854775807")]
    public long MaxBundleBytes { get; set; } = 256L << 20;

    [Range(1, 1_000_000)]
    public int MaxFilesPerBundle { get; set; } = 10_000;

    // All bundles of one project together (uploaded sizes).
    [Range(typeof(long), "1", "9223372036854775807")]
    public long MaxBytesPerProject { get; set; } = 4L << 30;

    // Bundles no event has used (no lookup returned one of their files) for this many days are removed.
    [Range(0.0001, 36_500.0)]
    public double RetentionDays { get; set; } = 90;
}
