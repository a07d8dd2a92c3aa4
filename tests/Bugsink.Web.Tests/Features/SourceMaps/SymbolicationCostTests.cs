using System.Diagnostics;
using System.Text.Json;
using Bugsink.Web.Features.SourceMaps;
using Bugsink.Web.Features.SourceMaps.Symbolication;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.SourceMaps;

// What resolving costs, printed for the closing note (no timed assertion: the machine is shared):
// the first event (map fetched and decoded) and then events with the decoded map cached.
public sealed class SymbolicationCostTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Reports_the_cost_per_frame_and_per_event()
    {
        using var bundler = Bundler.Create();
        if (bundler is null)
        {
            return;
        }

        SampleApp.WriteModules(bundler, viaDependency: "callthrough");
        await bundler.BuildAsync("esbuild");
        var stack = await bundler.StackAsync();
        var store = new InMemorySourceArtifacts();
        store.Add(1, "r", "", new SourceArtifact("~/app.min.js", SourceArtifactKind.MinifiedSource, null, null, File.ReadAllBytes(bundler.Output)));
        store.Add(1, "r", "", new SourceArtifact("~/app.min.js.map", SourceArtifactKind.SourceMap, null, null, File.ReadAllBytes(bundler.Output + ".map")));
        await using var services = new ServiceCollection().AddSingleton<ISourceArtifacts>(store).BuildServiceProvider();
        using var cache = new SourceMapCache();
        var symbolicator = new EventSymbolicator(services, cache);
        var payload = JsonSerializer.SerializeToUtf8Bytes(JavaScriptEvents.From(stack, "javascript", _ => "https://x.example/app.min.js", release: "r"));

        var cold = Stopwatch.StartNew();
        var first = await symbolicator.ResolveAsync(1, payload, CancellationToken.None);
        cold.Stop();
        Assert.Equal(stack.Count, first!.ResolvedFrames);
        const int runs = 2000;
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            var result = await symbolicator.ResolveAsync(1, payload, CancellationToken.None);
            Assert.Equal(stack.Count, result!.ResolvedFrames);
        }

        warm.Stop();
        var perEvent = warm.Elapsed.TotalMicroseconds / runs;
        output.WriteLine($"frames per event: {stack.Count}; first event (fetch + decode): {cold.Elapsed.TotalMicroseconds:F0} µs; "
            + $"cached: {perEvent:F1} µs per event, {perEvent / stack.Count:F1} µs per frame");
    }
}
