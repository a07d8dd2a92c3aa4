using Bugsink.Sentry.Grouping;
using Bugsink.Sentry.Tests.Events;

namespace Bugsink.Sentry.Tests.Grouping;

public class TagDeriverTests
{
    [Theory]
    [InlineData("{'tags':{'my key':'v'}}", "my-key", "v")]
    [InlineData("{'tags':{'k':'line one\\nline two'}}", "k", "line one line two")]
    [InlineData("{'tags':{'k':'a\\r\\nb'}}", "k", "a b")]
    [InlineData("{'tags':{'k':true}}", "k", "True")]
    [InlineData("{'tags':[['k',42]]}", "k", "42")]
    [InlineData("{'tags':[['k','first'],['k','second']]}", "k", "first")]
    public void SdkTags_AreCleaned(string json, string key, string value)
    {
        Assert.Equal(value, Tag(json, key));
    }

    [Theory]
    [InlineData("{'tags':{'':'v','k':'','blank':'   '}}")]
    [InlineData("{'tags':[[' ','v']]}")]
    public void EmptyKeysAndValues_AreDropped(string json)
    {
        var keys = TagDeriver.Derive(EventJson.Parse(json)).Select(t => t.Key);

        Assert.Equal(["level"], keys);
    }

    [Fact]
    public void LongKeysAndValues_AreCutAt200()
    {
        var tags = TagDeriver.Derive(EventJson.Parse("{'tags':{'" + new string('k', 300) + "':'" + new string('v', 300) + "'}}"));

        Assert.Equal((200, 200), (tags[0].Key.Length, tags[0].Value.Length));
    }

    [Theory]
    [InlineData("release", "1.2.3")]
    [InlineData("environment", "production")]
    [InlineData("server_name", "web-1")]
    [InlineData("transaction", "/checkout")]
    [InlineData("level", "warning")]
    [InlineData("handled", "no")]
    [InlineData("browser", "Chrome 120.0")]
    [InlineData("os", "Windows 10")]
    [InlineData("runtime", "CPython 3.12")]
    [InlineData("user.id", "42")]
    [InlineData("user.email", "ann@example.com")]
    [InlineData("user.ip", "203.0.113.9")]
    [InlineData("url", "https://shop.test/checkout")]
    public void WellKnownFields_BecomeTags(string key, string value)
    {
        const string json =
            "{'release':'1.2.3','environment':'production','server_name':'web-1','transaction':'/checkout','level':'warning',"
            + "'exception':[{'type':'E','mechanism':{'type':'onerror','handled':false}}],"
            + "'contexts':{'browser':{'name':'Chrome','version':'120.0'},'os':{'name':'Windows','version':'10'},'runtime':{'name':'CPython','version':'3.12'}},"
            + "'user':{'id':42,'email':'ann@example.com','ip_address':'203.0.113.9'},'request':{'url':'https://shop.test/checkout'}}";

        Assert.Equal(value, Tag(json, key));
    }

    [Theory]
    [InlineData("{'exception':[{'type':'E','mechanism':{'type':'generic','handled':true}}]}", "yes")]
    [InlineData("{'exception':[{'type':'E'}]}", null)]
    public void Handled_IsYesNoOrAbsent(string json, string? value)
    {
        Assert.Equal(value, Tag(json, "handled"));
    }

    [Fact]
    public void SdkTag_WinsOverDerivedOne()
    {
        var tags = TagDeriver.Derive(EventJson.Parse("{'level':'error','environment':'prod','tags':{'level':'custom','environment':'staging'}}"));

        Assert.Equal(["level=custom", "environment=staging"], tags.Select(t => t.Key + "=" + t.Value));
    }

    [Fact]
    public void AutoIpPlaceholder_IsNotATag()
    {
        Assert.Null(Tag("{'user':{'ip_address':'{{auto}}'}}", "user.ip"));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.71 Safari/537.36", "Chrome 120", "Windows 10")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91", "Edge 120", "Windows 10")]
    [InlineData("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", "Firefox 121", "Linux")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15", "Safari 17", "macOS 10.15.7")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1", "Safari 17", "iOS 17.1.2")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36", "Chrome 120", "Android 14")]
    [InlineData("Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko", null, "Windows 7")]
    [InlineData("curl/8.4.0", null, null)]
    public void UserAgent_GivesBrowserAndOsWhenContextsAreMissing(string userAgent, string? browser, string? os)
    {
        var json = "{'request':{'headers':{'User-Agent':'" + userAgent + "'}}}";

        Assert.Equal((browser, os), (Tag(json, "browser"), Tag(json, "os")));
    }

    [Fact]
    public void Contexts_WinOverUserAgent()
    {
        var json = "{'contexts':{'browser':{'name':'Firefox','version':'115.0'}},'request':{'headers':{'User-Agent':'Chrome/120.0'}}}";

        Assert.Equal("Firefox 115.0", Tag(json, "browser"));
    }

    private static string? Tag(string json, string key)
    {
        foreach (var (tagKey, value) in TagDeriver.Derive(EventJson.Parse(json)))
        {
            if (tagKey == key)
            {
                return value;
            }
        }

        return null;
    }
}
