using Bugsink.Sentry.Events;
using Bugsink.Sentry.Grouping;
using Bugsink.Sentry.Tests.Events;
using Xunit.Abstractions;

namespace Bugsink.Sentry.Tests.Grouping;

// Every real payload (many SDKs, including the known-broken shapes that real SDKs send anyway) must go
// through parsing, grouping and tagging without an exception and get a usable key.
public class EventSampleCorpusTests(ITestOutputHelper output)
{
    [EventSampleFact]
    public void EverySample_ParsesGroupsAndTags()
    {
        var root = EventSampleFolder.Root;
        var files = Directory.GetFiles(root, "*.json", SearchOption.AllDirectories);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, file);
            try
            {
                var bytes = File.ReadAllBytes(file);
                var scan = EventPayloadScanner.Scan(bytes);
                var data = EventData.Parse(bytes);
                var result = EventGrouper.Group(data);
                var tags = TagDeriver.Derive(data);
                if (scan.Shape != PayloadShape.Valid || !data.IsParsable || string.IsNullOrWhiteSpace(result.Key)
                    || result.KeyHash.Length != 64 || tags.Any(t => t.Key.Length == 0 || t.Value.Length == 0))
                {
                    failures.Add($"{relative}: scan={scan.Shape} parsable={data.IsParsable} key='{result.Key}'");
                }

                keys.Add(result.Key);
            }
#pragma warning disable CA1031 // The point is to report every sample that throws, not stop at the first.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failures.Add($"{relative}: {exception.GetType().Name}: {exception.Message}");
            }
        }

        output.WriteLine($"{files.Length} samples gave {keys.Count} distinct grouping keys.");
        Assert.True(files.Length > 0, "The sample folder holds no *.json files.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
