using System.Text;
using Bugsink.Web.Features.SourceMaps;
using Bugsink.Web.Features.SourceMaps.Decoding;
using Bugsink.Web.Features.SourceMaps.Symbolication;

namespace Bugsink.Web.Tests.Features.SourceMaps;

// The decoder against maps that esbuild, terser and webpack write for a small app built in the test:
// the positions V8 reports for the minified file must map back to the calls in the sources.
public sealed class SourceMapDecoderTests
{
    [Theory]
    [InlineData("A", 0)]
    [InlineData("C", 1)]
    [InlineData("D", -1)]
    [InlineData("E", 2)]
    [InlineData("gB", 16)]
    [InlineData("2H", 123)]
    [InlineData("rxB", -789)]
    public void Reads_base64_vlq_numbers(string text, int expected)
    {
        var position = 0;
        Assert.True(Base64Vlq.TryRead(text, ref position, out var value));
        Assert.Equal(expected, value);
        Assert.Equal(text.Length, position);
    }

    [Theory]
    [InlineData("{\"version\":3,\"sources\":[\"a.js\"],\"names\":[],\"mappings\":\"AA\"}", "2 fields")]
    [InlineData("{\"version\":3,\"sources\":[\"a.js\"],\"names\":[],\"mappings\":\"ACAA\"}", "outside its sources")]
    [InlineData("{\"version\":3,\"sources\":[\"a.js\"],\"names\":[],\"mappings\":\"AAAAC\"}", "outside its names")]
    [InlineData("{\"version\":3,\"sources\":[\"a.js\"],\"names\":[],\"mappings\":\"A!\"}", "malformed")]
    [InlineData("{\"version\":2,\"sources\":[],\"mappings\":\"\"}", "version 3")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"version\":3,", "not valid JSON")]
    public void Refuses_broken_maps_with_a_reason(string json, string reason)
    {
        var error = Assert.Throws<SourceMapException>(() => SourceMapReader.Read(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_field_segment_maps_to_nothing_and_hides_the_segment_before_it()
    {
        var map = SourceMapReader.Read("{\"version\":3,\"sources\":[\"a.js\"],\"names\":[],\"mappings\":\"AAAA,C,CAAC\"}"u8);
        Assert.Equal(0, map.Lookup(0, 0)!.Column);
        Assert.Null(map.Lookup(0, 1));
        Assert.Equal(1, map.Lookup(0, 7)!.Column);
    }

    [Fact]
    public void Applies_source_root_and_tolerates_null_sources_numeric_names_and_the_xssi_guard()
    {
        var json = ")]}'\n{\"version\":3,\"sourceRoot\":\"webpack://acme/\",\"sources\":[\"src/a.js\",null,\"/abs/b.js\"],\"sourcesContent\":[\"x\"],\"names\":[7],\"mappings\":\"AAAAA,EEAA,EDAA\",\"debugId\":\"d71803cc-492f-52df-8110-2336a23e1f5a\"}";
        var map = Assert.IsType<RegularSourceMap>(SourceMapReader.Read(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(["webpack://acme/src/a.js", null, "/abs/b.js"], map.Sources);
        Assert.Equal(["x", null, null], map.SourcesContent);
        Assert.Equal(Guid.Parse("d71803cc-492f-52df-8110-2336a23e1f5a"), map.DebugId);
        Assert.Equal("7", map.Lookup(0, 0)!.Name);
        Assert.Equal("/abs/b.js", map.Lookup(0, 2)!.Source);
        Assert.Equal("", map.Lookup(0, 4)!.Source);
    }

    [Theory]
    [InlineData("esbuild")]
    [InlineData("esbuild-inline")]
    [InlineData("terser")]
    [InlineData("webpack")]
    public async Task Maps_the_positions_v8_reports_back_to_the_calls_in_the_sources(string tool)
    {
        using var bundler = Bundler.Create();
        if (bundler is null)
        {
            return;
        }

        SampleApp.Write(bundler, tool);
        await bundler.BuildAsync(tool);
        var map = ReadMap(bundler);
        var stack = await bundler.StackAsync();
        Assert.True(stack.Count >= 3, "expected three frames in the bundle, got " + stack.Count);
        for (var i = 0; i < 3; i++)
        {
            var (file, marker, _) = SampleApp.Expected[i];
            var mapped = map.Lookup(stack[i].Line - 1, stack[i].Column - 1);
            Assert.NotNull(mapped);
            var source = bundler.Source(file);
            var (line, column) = Bundler.PositionOf(source, marker);
            Assert.EndsWith(file, mapped.Source, StringComparison.Ordinal);
            Assert.Equal((line, column), (mapped.Line, mapped.Column));
            Assert.Equal(source, mapped.SourceContent);
            // Columns past the first mapping of the line: the error is never at the line's start, and
            // a position inside the segment (one further) maps to the same place.
            Assert.True(stack[i].Column > 1);
            var inside = map.Lookup(stack[i].Line - 1, stack[i].Column);
            Assert.Equal((mapped.Source, mapped.Line, mapped.Column), (inside!.Source, inside.Line, inside.Column));
        }
    }

    [Fact]
    public async Task Does_not_fall_back_to_an_earlier_line_or_before_the_first_segment()
    {
        using var bundler = Bundler.Create();
        if (bundler is null)
        {
            return;
        }

        SampleApp.WriteModules(bundler);
        await bundler.BuildAsync("webpack");
        var map = Assert.IsType<RegularSourceMap>(ReadMap(bundler));
        // webpack's line 0 starts with its unmapped IIFE prologue; line 1 is the sourceMappingURL comment.
        var generated = File.ReadAllText(bundler.Output);
        Assert.StartsWith("(()=>{", generated, StringComparison.Ordinal);
        Assert.Null(map.Lookup(0, 0));
        Assert.Null(map.Lookup(1, 5));
        Assert.Null(map.Lookup(map.LineCount + 3, 0));
    }

    // An index map made in the test from real esbuild output: build A on line 0, build B after it on
    // the same line (column offset) and build A again on line 1, as a concatenating tool would.
    [Fact]
    public async Task Looks_up_through_the_sections_of_an_index_map()
    {
        using var first = Bundler.Create();
        using var second = Bundler.Create();
        if (first is null || second is null)
        {
            return;
        }

        SampleApp.WriteModules(first);
        SampleApp.WriteModules(second, padding: 4);
        await first.BuildAsync("esbuild");
        await second.BuildAsync("esbuild");
        var codeA = FirstLine(first.Output);
        var codeB = FirstLine(second.Output);
        var mapA = File.ReadAllText(first.Output + ".map");
        var mapB = File.ReadAllText(second.Output + ".map");
        var offsetB = codeA.Length + 1;
        var index = "{\"version\":3,\"file\":\"all.js\",\"sections\":["
            + "{\"offset\":{\"line\":0,\"column\":0},\"map\":" + mapA + "},"
            + "{\"offset\":{\"line\":0,\"column\":" + offsetB + "},\"map\":" + mapB + "},"
            + "{\"offset\":{\"line\":1,\"column\":0},\"map\":" + mapA + "}]}";
        var map = Assert.IsType<IndexSourceMap>(SourceMapReader.Read(Encoding.UTF8.GetBytes(index)));

        var stackA = await first.StackAsync();
        var stackB = await second.StackAsync();
        var (utilLine, utilColumn) = Bundler.PositionOf(first.Source("util.js"), "new Error(");
        var (paddedLine, paddedColumn) = Bundler.PositionOf(second.Source("util.js"), "new Error(");
        Assert.Equal(utilLine + 4, paddedLine);

        var inA = map.Lookup(0, stackA[0].Column - 1);
        Assert.Equal((utilLine, utilColumn), (inA!.Line, inA.Column));
        var inB = map.Lookup(0, offsetB + stackB[0].Column - 1);
        Assert.Equal((paddedLine, paddedColumn), (inB!.Line, inB.Column));
        Assert.Equal(offsetB + stackB[0].Column - 1, inB.GeneratedColumn);
        var onLine1 = map.Lookup(1, stackA[0].Column - 1);
        Assert.Equal((utilLine, utilColumn), (onLine1!.Line, onLine1.Column));
        Assert.Equal(first.Source("util.js"), onLine1.SourceContent);
        // Before section B starts, line 0 still belongs to A: A's last segment, not B's first.
        Assert.Same(map.Sections[0].Map, map.Lookup(0, offsetB - 1)!.Map);
        Assert.Same(map.Sections[1].Map, inB.Map);
    }

    private static SourceMap ReadMap(Bundler bundler)
    {
        if (File.Exists(bundler.Output + ".map"))
        {
            return SourceMapReader.Read(File.ReadAllBytes(bundler.Output + ".map"));
        }

        var artifact = new SourceArtifact("~/app.min.js", SourceArtifactKind.MinifiedSource, null, null, File.ReadAllBytes(bundler.Output));
        var reference = SourceMapReference.Of(artifact);
        Assert.StartsWith("data:application/json", reference, StringComparison.Ordinal);
        return SourceMapReader.Read(SourceMapReference.DataUrlContent(reference!));
    }

    private static string FirstLine(string path) => File.ReadAllText(path).Split('\n')[0];
}
