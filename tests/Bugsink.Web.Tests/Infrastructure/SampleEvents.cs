using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Infrastructure;

// The shared corpus of real SDK payloads lives beside the repository (../shared/samples/event-samples)
// and is read from there, never copied in.
public static class SampleEvents
{
    public static string? Folder { get; } = Find();

    public static bool RequireAll => Environment.GetEnvironmentVariable("BUGSINK_REQUIRE_ALL_TESTS") == "1";

    public static IReadOnlyList<string> Files => Folder is null
        ? []
        : Directory.GetFiles(Folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    // True when the corpus is present; otherwise explains why the test did nothing (or fails under CI's strict mode).
    public static bool Available(ITestOutputHelper output)
    {
        if (Folder is not null)
        {
            return true;
        }

        Assert.False(RequireAll, "../shared/samples/event-samples is missing and BUGSINK_REQUIRE_ALL_TESTS=1");
        output.WriteLine("SKIPPED: ../shared/samples/event-samples not found beside the repository.");
        // Reported as skipped, with the reason, by tests marked [SkippableFact]/[SkippableTheory].
        Skip.If(true, "../shared/samples/event-samples not found beside the repository.");
        return false;
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bugsink.sln")))
            {
                var samples = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "samples", "event-samples"));
                return Directory.Exists(samples) ? samples : null;
            }
        }

        return null;
    }
}
