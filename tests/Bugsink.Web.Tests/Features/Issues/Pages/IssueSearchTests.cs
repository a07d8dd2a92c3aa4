using Bugsink.Web.Features.Issues.Pages;

namespace Bugsink.Web.Tests.Features.Issues.Pages;

public sealed class IssueSearchTests
{
    [Fact]
    public void Parse_SplitsTagsSpecialKeysAndFreeText()
    {
        var search = IssueSearch.Parse("""browser:"Firefox 120" release:1.2 environment:prod level:ERROR is:muted checkout failed os:linux""");
        Assert.Equal([new("browser", "Firefox 120"), new("os", "linux")], search.Tags);
        Assert.Equal("1.2", search.Release);
        Assert.Equal("prod", search.Environment);
        Assert.Equal("error", search.Level);
        Assert.Equal(["muted"], search.States);
        Assert.Equal("checkout failed", search.FreeText);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("   ", "")]
    [InlineData("\"quoted words\"", "quoted words")]
    [InlineData("http://x", "")]
    [InlineData("a:\"unterminated", "")]
    public void Parse_IsLenient(string? query, string freeText) => Assert.Equal(freeText, IssueSearch.Parse(query).FreeText);
}
