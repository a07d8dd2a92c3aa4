using Bugsink.Web.Features.Releases;

namespace Bugsink.Web.Tests.Features.Releases;

public sealed class ReleaseNameTests
{
    [Theory]
    [InlineData("1.2.3", "1.2.3")]
    [InlineData("  1.2.3  ", "1.2.3")]
    [InlineData("1.2\n.3", "1.2 .3")]
    [InlineData("line1\r\nline2\tx", "line1  line2 x")]
    [InlineData("@scope/pkg@1.0.0", "@scope-pkg@1.0.0")]
    [InlineData("win\\path", "win-path")]
    [InlineData(".", null)]
    [InlineData("..", null)]
    [InlineData(" ", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Sanitize_RemovesNewlinesAndSlashes(string? input, string? expected) => Assert.Equal(expected, ReleaseName.Sanitize(input));

    [Fact]
    public void LongNames_AreCutAt200Characters()
    {
        var name = ReleaseName.Sanitize(new string('x', 500));
        Assert.Equal(200, name!.Length);
    }

    [Fact]
    public void Cutting_NeverSplitsASurrogatePair()
    {
        var name = ReleaseName.Sanitize(new string('x', 199) + "😀" + "tail");
        Assert.Equal(new string('x', 199), name);
    }
}
