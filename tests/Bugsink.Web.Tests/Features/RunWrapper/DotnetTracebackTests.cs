using Bugsink.Web.Features.RunWrapper;

namespace Bugsink.Web.Tests.Features.RunWrapper;

public sealed class DotnetTracebackTests
{
    [Fact]
    public void InnerException_BecomesTheChain_InnermostFirst()
    {
        var traceback = DotnetTraceback.Parse(Tracebacks.DotnetInner.Split('\n'))!;

        Assert.Equal("csharp", traceback.Platform);
        Assert.Equal([("System.FormatException", "The input string 'eighty' was not in a correct format."), ("System.InvalidOperationException", "Could not start the shop")],
            traceback.Exceptions.Select(e => (e.Type, e.Value)));
        var inner = traceback.Exceptions[0];
        Assert.Equal(["Main()", "LoadConfig(String path)", "ParsePort(String text)", "Parse(String s, IFormatProvider provider)", "ThrowFormatException[TChar](ReadOnlySpan`1 value)"],
            inner.Frames.Select(f => f.Function));
        Assert.Equal(new ParsedFrame("ParsePort(String text)", "/tmp/h20tb/dn/Program.cs", 19, Module: "FailingApp.Program"), inner.Frames[2]);
        Assert.Equal(new ParsedFrame("ThrowFormatException[TChar](ReadOnlySpan`1 value)", null, null, Module: "System.Number", InApp: false), inner.Frames[^1]);
        Assert.Equal(new ParsedFrame("Main()", "/tmp/h20tb/dn/Program.cs", 13, Module: "FailingApp.Program"), Assert.Single(traceback.Exceptions[1].Frames));
    }

    [Fact]
    public void TwoInnerExceptionsThroughAsync_AndAMessageOfTwoLines()
    {
        var traceback = DotnetTraceback.Parse(Tracebacks.DotnetTwoInner.Split('\n'))!;

        Assert.Equal(["System.ArgumentOutOfRangeException", "System.InvalidOperationException", "System.ApplicationException"], traceback.Exceptions.Select(e => e.Type));
        Assert.Equal("No such order (Parameter 'order')\nActual value was 7.", traceback.Exceptions[0].Value);
        Assert.Equal([25, 34], traceback.Exceptions[0].Frames.Select(f => f.Lineno!.Value));
        Assert.Equal([9, 29], traceback.Exceptions[1].Frames.Select(f => f.Lineno!.Value));
        Assert.Equal(["<Main>()", "Main()"], traceback.Exceptions[2].Frames.Select(f => f.Function));
        Assert.Equal("Shop.Worker.Checkout", traceback.Exceptions[0].Frames[^1].Module);
    }

    [Fact]
    public void LogLinesThatLookLikeAHeader_AreNotTracebacks()
    {
        Assert.Null(DotnetTraceback.Parse(["Microsoft.Hosting.Lifetime: Application started.", "done"]));
        Assert.Null(DotnetTraceback.Parse(Tracebacks.PythonChained.Split('\n')));
        Assert.Null(DotnetTraceback.Parse(Tracebacks.NodeDeepCause.Split('\n')));
    }
}
