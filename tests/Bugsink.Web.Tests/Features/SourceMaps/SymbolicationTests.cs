using System.Text.Json;
using System.Text.Json.Nodes;
using Bugsink.Web.Features.SourceMaps;
using Bugsink.Web.Features.SourceMaps.Symbolication;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.SourceMaps;

// Whole events resolved with real esbuild and webpack output held by the in-memory store: the frames
// V8 reported come back as the original files, lines, columns, functions and context lines.
public sealed class SymbolicationTests : IDisposable
{
    private const long Project = 7;
    private const string Site = "https://app.example.com/assets/app.min.js";
    private readonly InMemorySourceArtifacts _store = new();
    private readonly SourceMapCache _cache = new();
    private readonly ServiceProvider _services;
    private readonly EventSymbolicator _symbolicator;

    public SymbolicationTests()
    {
        _services = new ServiceCollection().AddSingleton<ISourceArtifacts>(_store).BuildServiceProvider();
        _symbolicator = new EventSymbolicator(_services, _cache);
    }

    [Fact]
    public async Task Browser_frames_resolve_by_release_and_url_with_names_context_and_raw_frames_kept()
    {
        using var bundler = Bundler.Create();
        if (bundler is null)
        {
            return;
        }

        SampleApp.WriteModules(bundler, viaDependency: "callthrough");
        await bundler.BuildAsync("esbuild");
        var stack = await bundler.StackAsync();
        Upload(bundler, "web@1.0", "~/assets/app.min.js", debugId: null);
        var sent = JavaScriptEvents.From(stack, "javascript", _ => Site, release: "web@1.0");

        var result = await ResolveAsync(sent);

        var frames = Frames(result, "stacktrace");
        var raw = Frames(result, "raw_stacktrace");
        Assert.Equal(Frames(sent, "stacktrace").ToJsonString(), raw.ToJsonString());
        // Innermost last: util (deepest) ← middle ← main ← callThrough (node_modules) ← top level.
        var byFile = frames.OfType<JsonObject>().ToList();
        for (var i = 0; i < 3; i++)
        {
            var (file, marker, function) = SampleApp.Expected[i];
            var frame = byFile[^(i + 1)];
            var (line, column) = Bundler.PositionOf(bundler.Source(file), marker);
            Assert.Equal("../src/" + file, Str(frame, "filename"));
            Assert.Equal("https://app.example.com/src/" + file, Str(frame, "abs_path"));
            Assert.Equal(line + 1, frame["lineno"]!.GetValue<int>());
            Assert.Equal(column + 1, frame["colno"]!.GetValue<int>());
            Assert.Equal(function, Str(frame, "function"));
            Assert.Equal(bundler.Source(file).Split('\n')[line], Str(frame, "context_line"));
            Assert.True(frame["in_app"]!.GetValue<bool>());
            Assert.Equal("release", Str(frame["data"]!.AsObject(), "resolved_with"));
            Assert.Equal("https://app.example.com/assets/app.min.js.map", Str(frame["data"]!.AsObject(), "sourcemap"));
        }

        var util = byFile[^1];
        Assert.Equal(["// util: the innermost call", "export function deepest(message) {"], util["pre_context"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["}", ""], util["post_context"]!.AsArray().Select(n => n!.GetValue<string>()));
        var dependency = byFile.Single(f => Str(f, "filename")!.Contains("node_modules/callthrough", StringComparison.Ordinal));
        Assert.False(dependency["in_app"]!.GetValue<bool>());
        Assert.Equal(1, dependency["data"]!["orig_in_app"]!.GetValue<int>());
        Assert.Equal(result.ResolvedFrames, frames.Count);
        Assert.Empty(result.Unresolved);
    }

    [Fact]
    public async Task Node_frames_resolve_by_debug_id_without_a_release_and_builtins_are_left_alone()
    {
        using var bundler = Bundler.Create();
        if (bundler is null)
        {
            return;
        }

        SampleApp.WriteModules(bundler);
        await bundler.BuildAsync("webpack");
        var stack = await bundler.StackAsync();
        var id = Guid.NewGuid();
        Upload(bundler, "some-other-release", "~/dist/app.min.js", id);
        var sent = JavaScriptEvents.From(stack, "node", f => f, debugId: id, codeFile: bundler.Output);
        Frames(sent, "stacktrace").Insert(0, new JsonObject { ["filename"] = "node:internal/modules/cjs/loader", ["function"] = "Module._compile", ["lineno"] = 1521, ["colno"] = 14, ["in_app"] = true });

        var result = await ResolveAsync(sent);

        var frames = Frames(result, "stacktrace").OfType<JsonObject>().ToList();
        Assert.Equal("node:internal/modules/cjs/loader", Str(frames[0], "filename"));
        Assert.False(frames[0]["in_app"]!.GetValue<bool>());
        var util = frames[^1];
        Assert.Equal("./src/util.js", Str(util, "filename"));
        Assert.Equal("webpack://acme/./src/util.js", Str(util, "abs_path"));
        Assert.Equal("deepest", Str(util, "function"));
        Assert.Equal("debug-id", Str(util["data"]!.AsObject(), "resolved_with"));
        Assert.Equal("  throw new Error(message);", Str(util, "context_line"));
        Assert.Equal("middle", Str(frames[^2], "function"));
        Assert.Equal("main", Str(frames[^3], "function"));
        // The outermost frame is the call of webpack's own IIFE wrapper, which the map attributes to
        // no source: it stays as sent, with the reason.
        var wrapper = Assert.Single(result.Unresolved);
        Assert.StartsWith("no mapping at line 1", wrapper.Reason, StringComparison.Ordinal);
        Assert.Equal(stack[^1].Column, frames[1]["colno"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_event_that_came_before_its_map_resolves_once_the_map_is_uploaded()
    {
        using var bundler = Bundler.Create();
        if (bundler is null)
        {
            return;
        }

        SampleApp.WriteModules(bundler);
        await bundler.BuildAsync("esbuild-inline");
        var stack = await bundler.StackAsync();
        var sent = JavaScriptEvents.From(stack, "javascript", _ => Site, release: "web@2.0");

        var before = await ResolveAsync(sent);
        Assert.Equal(0, before.ResolvedFrames);
        Assert.True(before.AnyWithoutMap);
        Assert.Contains(before.Unresolved, f => f.AbsPath == Site && f.Reason == MapLocator.NoMapReason);
        var unresolved = Frames(before, "stacktrace").OfType<JsonObject>().Last();
        Assert.Equal(MapLocator.NoMapReason, Str(unresolved["data"]!.AsObject(), "unresolved"));
        Assert.Equal(Site, Str(unresolved, "filename"));
        var errors = JsonNode.Parse(before.Json)!["errors"]!.AsArray();
        Assert.Contains(errors, e => Str(e!.AsObject(), "type") == "js_no_source" && Str(e!.AsObject(), "url") == Site);
        var lookups = _store.Lookups;
        await ResolveAsync(sent);
        Assert.Equal(lookups, _store.Lookups); // "no map" is cached while nothing is uploaded

        // Only the minified file: its map is the data: URL in its sourceMappingURL comment.
        _store.Add(Project, "web@2.0", "", new SourceArtifact("~/assets/app.min.js", SourceArtifactKind.MinifiedSource, null, null, File.ReadAllBytes(bundler.Output)));
        var after = await ResolveAsync(sent);
        Assert.Empty(after.Unresolved);
        var util = Frames(after, "stacktrace").OfType<JsonObject>().Last();
        Assert.Equal("../src/util.js", Str(util, "filename"));
        Assert.Equal("deepest", Str(util, "function"));
        Assert.Equal(Site, Str(util["data"]!.AsObject(), "sourcemap"));
    }

    [Fact]
    public async Task A_position_outside_the_map_and_a_wrong_release_stay_as_sent_with_a_reason()
    {
        using var bundler = Bundler.Create();
        if (bundler is null)
        {
            return;
        }

        SampleApp.WriteScripts(bundler);
        await bundler.BuildAsync("terser");
        var stack = await bundler.StackAsync();
        Upload(bundler, "web@3.0", "~/assets/app.min.js", debugId: null);
        var sent = JavaScriptEvents.From(stack, "javascript", _ => Site, release: "web@3.0");
        var outside = Frames(sent, "stacktrace").OfType<JsonObject>().Last();
        outside["lineno"] = 40;

        var result = await ResolveAsync(sent);
        var last = Frames(result, "stacktrace").OfType<JsonObject>().Last();
        Assert.Equal(40, last["lineno"]!.GetValue<int>());
        Assert.StartsWith("line out of range", Str(last["data"]!.AsObject(), "unresolved"), StringComparison.Ordinal);
        Assert.False(result.AnyWithoutMap);
        Assert.Equal("middle", Str(Frames(result, "stacktrace").OfType<JsonObject>().ToList()[^2], "function"));

        var otherRelease = JavaScriptEvents.From(stack, "javascript", _ => Site, release: "web@3.1");
        Assert.True((await ResolveAsync(otherRelease)).AnyWithoutMap);
    }

    public void Dispose()
    {
        _cache.Dispose();
        _services.Dispose();
    }

    private void Upload(Bundler bundler, string release, string url, Guid? debugId)
    {
        var minified = File.ReadAllBytes(bundler.Output);
        _store.Add(Project, release, "", new SourceArtifact(url, SourceArtifactKind.MinifiedSource, debugId, null, minified));
        _store.Add(Project, release, "", new SourceArtifact(url + ".map", SourceArtifactKind.SourceMap, debugId, null, File.ReadAllBytes(bundler.Output + ".map")));
    }

    private async Task<SymbolicatedEvent> ResolveAsync(JsonObject sent)
    {
        var result = await _symbolicator.ResolveAsync(Project, JsonSerializer.SerializeToUtf8Bytes(sent), CancellationToken.None);
        Assert.NotNull(result);
        return result;
    }

    private static JsonArray Frames(SymbolicatedEvent result, string which) => Frames(JsonNode.Parse(result.Json)!.AsObject(), which);

    private static JsonArray Frames(JsonObject root, string which) =>
        root["exception"]!["values"]![0]![which]!["frames"]!.AsArray();

    private static string? Str(JsonObject node, string name) => node[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
