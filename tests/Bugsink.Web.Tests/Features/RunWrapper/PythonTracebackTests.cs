using Bugsink.Web.Features.RunWrapper;

namespace Bugsink.Web.Tests.Features.RunWrapper;

public sealed class PythonTracebackTests
{
    [Fact]
    public void ChainedTraceback_BecomesTheChain_CauseFirst()
    {
        var traceback = PythonTraceback.Parse(Tracebacks.PythonChained.Split('\n'))!;

        Assert.Equal("python", traceback.Platform);
        Assert.Equal(["JSONDecodeError", "RuntimeError", "KeyError"], traceback.Exceptions.Select(e => e.Type));
        var decode = traceback.Exceptions[0];
        Assert.Equal("json.decoder", decode.Module);
        Assert.Equal("Expecting property name enclosed in double quotes: line 1 column 2 (char 1)", decode.Value);
        Assert.Equal(["read_config", "load", "loads", "decode", "raw_decode"], decode.Frames.Select(f => f.Function));
        Assert.Equal(new ParsedFrame("read_config", "/tmp/h20tb/chain.py", 8, ContextLine: "return load(\"{bad\")"), decode.Frames[0]);
        Assert.False(decode.Frames[^1].InApp);
        Assert.Equal("config app.ini is broken", traceback.Exceptions[1].Value);
        Assert.Null(traceback.Exceptions[1].Module);
        var last = traceback.Exceptions[2];
        Assert.Equal("'missing'", last.Value);
        Assert.Equal(["<module>", "main"], last.Frames.Select(f => f.Function));
        Assert.Equal((16, "{}[\"missing\"]"), (last.Frames[^1].Lineno!.Value, last.Frames[^1].ContextLine!));
    }

    [Fact]
    public void SimpleTraceback_FramesOldestFirst()
    {
        var traceback = PythonTraceback.Parse(Tracebacks.PythonSimple.Split('\n'))!;

        var error = Assert.Single(traceback.Exceptions);
        Assert.Equal(("ZeroDivisionError", "division by zero"), (error.Type, error.Value));
        Assert.Equal([6, 5, 2], error.Frames.Select(f => f.Lineno!.Value));
        Assert.Equal("return a / b", error.Frames[^1].ContextLine);
        Assert.All(error.Frames, f => Assert.True(f.InApp));
    }

    [Fact]
    public void SyntaxErrorWithoutHeader_IsStillRead()
    {
        var error = Assert.Single(PythonTraceback.Parse(Tracebacks.PythonSyntaxError.Split('\n'))!.Exceptions);

        Assert.Equal(("SyntaxError", "invalid syntax"), (error.Type, error.Value));
        Assert.Equal(new ParsedFrame(null, "/tmp/h20tb/syn.py", 1, ContextLine: "def f(:"), Assert.Single(error.Frames));
    }

    [Fact]
    public void TwoSeparateTracebacks_TheLastOneWins()
    {
        // A traceback logged earlier, some output, then the one that ended the program.
        string[] lines = [.. Tracebacks.PythonSimple.Split('\n'), "retrying", .. Tracebacks.PythonChained.Split('\n')];

        var traceback = PythonTraceback.Parse(lines)!;

        Assert.Equal(3, traceback.Exceptions.Count);
        Assert.Equal(lines.Length, traceback.EndLine);
    }

    [Fact]
    public void OtherLanguagesAndPlainText_AreNotPythonTracebacks()
    {
        Assert.Null(PythonTraceback.Parse(Tracebacks.NodeCause.Split('\n')));
        Assert.Null(PythonTraceback.Parse(Tracebacks.DotnetInner.Split('\n')));
        Assert.Null(PythonTraceback.Parse(["Traceback (most recent call last):", "  File \"x.py\", line 1, in <module>"]));
    }
}
