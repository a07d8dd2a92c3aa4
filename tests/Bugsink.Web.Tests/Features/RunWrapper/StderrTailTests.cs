using System.Text;
using Bugsink.Web.Features.RunWrapper;

namespace Bugsink.Web.Tests.Features.RunWrapper;

public sealed class StderrTailTests
{
    [Fact]
    public void KeepsTheLastLines_AcrossChunkBoundaries()
    {
        var tail = new StderrTail(maxLines: 3);
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, 10).Select(i => $"line {i} é\r\n")) + "unfinished");

        // One byte at a time: lines and multi-byte characters split across reads.
        for (var i = 0; i < bytes.Length; i++)
        {
            tail.Append(bytes.AsSpan(i, 1));
        }

        Assert.Equal(["line 9 é", "line 10 é", "unfinished"], tail.Lines().TakeLast(3));
        Assert.Equal(["line 10 é", "unfinished"], tail.Lines(last: 2));
    }

    [Fact]
    public void AnEndlessLine_IsCutToItsBound()
    {
        var tail = new StderrTail(maxLines: 2, maxLineChars: 10);
        for (var i = 0; i < 1000; i++)
        {
            tail.Append(new byte[1000].AsSpan().ToArray().Select(_ => (byte)'x').ToArray());
        }

        Assert.Equal(new string('x', 10), Assert.Single(tail.Lines()));
    }
}
