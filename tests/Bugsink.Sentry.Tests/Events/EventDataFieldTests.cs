using System.Globalization;
using System.Text;
using Bugsink.Sentry.Events;

namespace Bugsink.Sentry.Tests.Events;

public class EventDataFieldTests
{
    [Theory]
    [InlineData("1714564800", "2024-05-01T12:00:00.0000000+00:00")]
    [InlineData("1714564800.123", "2024-05-01T12:00:00.1230000+00:00")]
    [InlineData("'1714564800'", "2024-05-01T12:00:00.0000000+00:00")]
    [InlineData("'2024-05-01T12:00:00Z'", "2024-05-01T12:00:00.0000000+00:00")]
    [InlineData("'2024-05-01T12:00:00.123456Z'", "2024-05-01T12:00:00.1234560+00:00")]
    [InlineData("'2025-03-06T10:19:51.132514327Z'", "2025-03-06T10:19:51.1325143+00:00")]
    [InlineData("'2024-05-01T12:00:00'", "2024-05-01T12:00:00.0000000+00:00")]
    [InlineData("'2024-05-01T12:00:00.000'", "2024-05-01T12:00:00.0000000+00:00")]
    [InlineData("'2024-05-01 12:00:00'", "2024-05-01T12:00:00.0000000+00:00")]
    [InlineData("'2024-05-01T14:00:00+02:00'", "2024-05-01T12:00:00.0000000+00:00")]
    [InlineData("'2024-05-01T10:30:00-0130'", "2024-05-01T12:00:00.0000000+00:00")]
    [InlineData("'2020-04-18T21:44:00.206155+00:00'", "2020-04-18T21:44:00.2061550+00:00")]
    [InlineData("253402300799", "9999-12-31T23:59:59.0000000+00:00")]
    [InlineData("253402300800", null)]
    [InlineData("'10000-01-01T00:00:00Z'", null)]
    [InlineData("'2024-02-30T00:00:00Z'", null)]
    [InlineData("'2024-05-01T25:00:00Z'", null)]
    [InlineData("'yesterday'", null)]
    [InlineData("true", null)]
    [InlineData("null", null)]
    [InlineData("1e300", null)]
    public void TimestampForms_AreParsedAsUtc(string timestamp, string? expected)
    {
        var data = EventJson.Parse("{'timestamp':" + timestamp + "}");

        Assert.Equal(expected, data.Timestamp?.ToString("O", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("'fatal'", "fatal")]
    [InlineData("'critical'", "fatal")]
    [InlineData("'error'", "error")]
    [InlineData("'warning'", "warning")]
    [InlineData("'info'", "info")]
    [InlineData("'log'", "info")]
    [InlineData("'debug'", "debug")]
    [InlineData("'WARNING'", "warning")]
    [InlineData("'warn'", "error")]
    [InlineData("'nonsense'", "error")]
    [InlineData("10", "debug")]
    [InlineData("20", "info")]
    [InlineData("30", "warning")]
    [InlineData("40", "error")]
    [InlineData("50", "fatal")]
    [InlineData("35", "error")]
    [InlineData("null", "error")]
    [InlineData("{}", "error")]
    public void Level_IsMappedLikeRelay(string level, string expected)
    {
        Assert.Equal(expected, EventJson.Parse("{'level':" + level + "}").Level);
    }

    [Fact]
    public void TopLevelStrings_AreReadLenientlyWithDefaults()
    {
        var data = EventJson.Parse(
            "{'event_id':'9EC79C33-EC99-42AB-8353-589FCB2E04DC','release':' 1.2 ','environment':'prod','transaction':'/users/{id}',"
            + "'server_name':'web-1','logger':'app.jobs','dist':'42','platform':'python'}");

        Assert.Equal(
            ("9ec79c33ec9942ab8353589fcb2e04dc", "1.2", "prod", "/users/{id}", "web-1", "app.jobs", "42", "python"),
            (data.EventId, data.Release, data.Environment, data.Transaction, data.ServerName, data.Logger, data.Dist, data.Platform));
    }

    [Theory]
    [InlineData("{}", null, "other")]
    [InlineData("{'release':3.5,'platform':7}", "3.5", "other")]
    [InlineData("{'release':true,'platform':''}", "True", "other")]
    [InlineData("{'release':'   ','platform':'csharp'}", null, "csharp")]
    public void ReleaseAndPlatform_AreLenient(string json, string? release, string platform)
    {
        var data = EventJson.Parse(json);

        Assert.Equal((release, platform), (data.Release, data.Platform));
    }

    [Theory]
    [InlineData("[true,-22,3.5,null,'x',-2.7,{},[]]", "True|-22|3|x|-2")]
    [InlineData("['{{ default }}','http://example.com/my.url']", "{{ default }}|http://example.com/my.url")]
    [InlineData("[]", "")]
    public void Fingerprint_EntriesAreCoerced(string fingerprint, string expected)
    {
        var data = EventJson.Parse("{'fingerprint':" + fingerprint + "}");

        Assert.Equal(expected, string.Join("|", data.Fingerprint!));
    }

    [Theory]
    [InlineData("'a string'")]
    [InlineData("{'a':1}")]
    [InlineData("null")]
    public void NonArrayFingerprint_IsIgnored(string fingerprint)
    {
        Assert.Null(EventJson.Parse("{'fingerprint':" + fingerprint + "}").Fingerprint);
    }

    [Theory]
    [InlineData("{'a':'x','b':true,'c':42,'d':null,'e':{}}", "a=x|b=True|c=42")]
    [InlineData("[['a','x'],['b',false],['c'],['d',null],'junk',['a','again']]", "a=x|b=False|a=again")]
    [InlineData("'not tags'", "")]
    public void Tags_ObjectOrPairsAreLenient(string tags, string expected)
    {
        var data = EventJson.Parse("{'tags':" + tags + "}");

        Assert.Equal(expected, string.Join("|", data.Tags.Select(t => t.Key + "=" + t.Value)));
    }

    [Theory]
    [InlineData("{'user':{'id':1234,'email':'a@b.c','ip_address':'{{auto}}','username':'ann'}}", "1234", "a@b.c", "{{auto}}", "ann")]
    [InlineData("{'user':{'id':'u-1','username':99}}", "u-1", null, null, "99")]
    [InlineData("{'sentry.interfaces.User':{'id':'raven'}}", "raven", null, null, null)]
    public void User_IsReadLeniently(string json, string? id, string? email, string? ip, string? username)
    {
        Assert.Equal(new UserData(id, email, ip, username), EventJson.Parse(json).User);
    }

    [Theory]
    [InlineData("{'request':{'url':'https://x.test/a','headers':{'user-agent':'UA/1'}}}", "https://x.test/a", "UA/1")]
    [InlineData("{'request':{'headers':[['Accept','*/*'],['User-Agent','UA/2']]}}", null, "UA/2")]
    [InlineData("{'sentry.interfaces.Http':{'url':'http://old','headers':{'USER-AGENT':'UA/3'}}}", "http://old", "UA/3")]
    [InlineData("{'request':{'url':5,'headers':'User-Agent: nope'}}", null, null)]
    public void Request_UrlAndUserAgentAreFound(string json, string? url, string? userAgent)
    {
        var data = EventJson.Parse(json);

        Assert.Equal((url, userAgent), (data.RequestUrl, data.UserAgent));
    }

    [Theory]
    [InlineData("{'browser':{'name':'Chrome','version':'120.0'},'os':{'name':'Windows'},'runtime':{'name':'CPython','version':3.1}}", "Chrome 120.0", "Windows", "CPython 3.1")]
    [InlineData("{'client_os':{'type':'os','name':'iOS','version':'17.1'},'browser':'junk','runtime':{'version':'1'}}", null, "iOS 17.1", null)]
    [InlineData("{'os':{'name':null,'version':null},'browser':{'name':'Firefox','version':null}}", "Firefox", null, null)]
    public void Contexts_DescribeBrowserOsAndRuntime(string contexts, string? browser, string? os, string? runtime)
    {
        var data = EventJson.Parse("{'contexts':" + contexts + "}");

        Assert.Equal((browser, os, runtime), (data.BrowserName, data.OsName, data.RuntimeName));
    }

    [Theory]
    [InlineData("")]
    [InlineData("nonsense")]
    [InlineData("[1,2,3]")]
    [InlineData("'just a string'")]
    [InlineData("{'a':1} trailing")]
    [InlineData("{'a':")]
    public void UnreadablePayload_IsNotParsableWithDefaults(string json)
    {
        var data = EventJson.Parse(json);

        Assert.False(data.IsParsable);
        Assert.Equal(("error", "other", 0, 0, null), (data.Level, data.Platform, data.Exceptions.Count, data.Tags.Count, data.Fingerprint));
    }

    [Fact]
    public void TooDeepOrInvalidUtf8_IsNotParsable()
    {
        var deep = "{'a':" + new string('[', 200) + new string(']', 200) + "}";
        byte[] invalidUtf8 = [.. "{\"message\":\""u8, 0xFF, .. "\"}"u8];

        Assert.False(EventJson.Parse(deep).IsParsable);
        Assert.False(EventData.Parse(invalidUtf8).IsParsable);
    }

    [Theory]
    [InlineData("{'event_id':[],'timestamp':{},'level':[],'platform':{},'release':[],'message':{},'logentry':7,'exception':7,"
        + "'threads':7,'stacktrace':7,'fingerprint':7,'tags':7,'user':7,'request':7,'contexts':7}")]
    [InlineData("{'exception':{'values':[{'type':1,'value':{},'module':[],'mechanism':7,'stacktrace':{'frames':[{'lineno':'x','in_app':'yes','function':{}}]}}]}}")]
    [InlineData("{'user':{'id':{},'email':1},'request':{'headers':{'User-Agent':1}},'contexts':{'browser':{'name':[]}}}")]
    public void WronglyTypedFields_AreSkipped(string json)
    {
        var data = EventJson.Parse(json);

        Assert.True(data.IsParsable);
        Assert.Equal("error", data.Level);
    }

    [Fact]
    public void MillionCharacterString_IsCapped()
    {
        var json = "{\"exception\":[{\"type\":\"E\",\"value\":\"" + new string('v', 1_000_000) + "\"}]}";

        var data = EventData.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(8192, data.Exceptions[0].Value?.Length);
    }
}
