using Bugsink.Web.Features.RunWrapper;

namespace Bugsink.Web.Tests.Features.RunWrapper;

public sealed class NodeTracebackTests
{
    [Fact]
    public void ErrorWithCause_BecomesTheChain_CauseFirst()
    {
        var traceback = NodeTraceback.Parse(Tracebacks.NodeCause.Split('\n'))!;

        Assert.Equal("node", traceback.Platform);
        Assert.Equal([("SyntaxError", "Expected property name or '}' in JSON at position 1"), ("Error", "config app.ini is broken")],
            traceback.Exceptions.Select(e => (e.Type, e.Value)));
        var error = traceback.Exceptions[1];
        // V8 prints newest first and folds the frames shared with the cause; Sentry wants oldest first.
        Assert.Equal(["run_main_module", "Function.executeUserEntryPoint [as runMain]", "main", "readConfig"],
            error.Frames.Select(f => f.Function ?? f.Filename!.Split('/')[^1].Split(':')[0]));
        Assert.Equal(new ParsedFrame("readConfig", "/tmp/h20tb/chain.js", 4, 21), error.Frames[^1]);
        Assert.False(error.Frames[0].InApp);
        var cause = traceback.Exceptions[0];
        Assert.Equal(new ParsedFrame("JSON.parse", "<anonymous>", null, InApp: false), cause.Frames[^1]);
        Assert.Equal(new ParsedFrame("parse", "/tmp/h20tb/chain.js", 1, 36), cause.Frames[^2]);
    }

    [Fact]
    public void NestedCauses_DeepestFirst()
    {
        var traceback = NodeTraceback.Parse(Tracebacks.NodeDeepCause.Split('\n'))!;

        Assert.Equal(["RangeError", "TypeError", "Error"], traceback.Exceptions.Select(e => e.Type));
        Assert.Equal(new ParsedFrame("a", "/tmp/h20tb/deep.js", 1, 22), traceback.Exceptions[0].Frames[^1]);
        Assert.Equal(10, traceback.Exceptions[0].Frames.Count);
    }

    [Fact]
    public void TimerError_FramesOldestFirst()
    {
        var error = Assert.Single(NodeTraceback.Parse(Tracebacks.NodeTimer.Split('\n'))!.Exceptions);

        Assert.Equal(("TypeError", "Cannot read properties of null (reading 'x')"), (error.Type, error.Value));
        Assert.Equal(["process.processTimers", "listOnTimeout", "Timeout._onTimeout", "boom"], error.Frames.Select(f => f.Function));
        Assert.Equal(new ParsedFrame("listOnTimeout", "node:internal/timers", 581, 17, InApp: false), error.Frames[1]);
    }

    [Fact]
    public void CustomErrorClassAndProperties()
    {
        var error = Assert.Single(NodeTraceback.Parse(Tracebacks.NodeCustomClass.Split('\n'))!.Exceptions);

        Assert.Equal(("PaymentError", "card declined"), (error.Type, error.Value));
        Assert.Equal(new ParsedFrame("pay", "/tmp/h20tb/custom.js", 2, 30), error.Frames[^1]);
        Assert.Equal(new ParsedFrame(null, "node:internal/main/run_main_module", 28, 49, InApp: false), error.Frames[0]);
    }

    [Fact]
    public void AssertionWithCodeAndMessageOfSeveralLines()
    {
        var error = Assert.Single(NodeTraceback.Parse(Tracebacks.NodeAssertion.Split('\n'))!.Exceptions);

        Assert.Equal("AssertionError", error.Type);
        Assert.Equal("totals differ\nexpected one\nfound two\n\n1 !== 2", error.Value);
        Assert.Equal(new ParsedFrame("Object.<anonymous>", "/tmp/h20tb/multi.js", 2, 8), error.Frames[^1]);
    }

    [Fact]
    public void OtherLanguages_AreNotNodeTracebacks()
    {
        Assert.Null(NodeTraceback.Parse(Tracebacks.PythonChained.Split('\n')));
        Assert.Null(NodeTraceback.Parse(Tracebacks.DotnetTwoInner.Split('\n')));
    }
}
