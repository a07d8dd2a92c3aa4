namespace Bugsink.Sentry.Tests.Events;

// The real SDK payloads live outside the repository (shared/samples/event-samples, next to the checkout);
// tests read them in place. BUGSINK_EVENT_SAMPLES overrides the location.
public static class EventSampleFolder
{
    public static string? Path { get; } = Locate();

    // CI sets BUGSINK_REQUIRE_ALL_TESTS=1: there a missing folder must fail the tests, not skip them.
    public static bool ShouldSkip => Path is null && Environment.GetEnvironmentVariable("BUGSINK_REQUIRE_ALL_TESTS") != "1";

    public static string MissingMessage =>
        "Event samples not found: set BUGSINK_EVENT_SAMPLES or place shared/samples/event-samples beside the checkout.";

    public static string Root => Path ?? throw new InvalidOperationException(MissingMessage);

    public static byte[] Read(string relativePath) => File.ReadAllBytes(System.IO.Path.Combine(Root, relativePath));

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable("BUGSINK_EVENT_SAMPLES");
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "shared", "samples", "event-samples");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
