using Bugsink.Sentry.Events;

namespace Bugsink.Sentry.Tests.Events;

public class EventDataMessageTests
{
    [Theory]
    [InlineData("{'logentry':{'message':'Error %s','formatted':'Error disk','params':['disk']}}", "Error %s", "Error disk")]
    [InlineData("{'logentry':{'message':'Error %(what)s','params':{'what':'disk'}}}", "Error %(what)s", null)]
    [InlineData("{'logentry':{'formatted':'Error disk'}}", null, "Error disk")]
    [InlineData("{'logentry':'sent as a string'}", null, "sent as a string")]
    [InlineData("{'message':'plain legacy string'}", null, "plain legacy string")]
    [InlineData("{'message':{'message':'Error {0}','formatted':'Error 7'}}", "Error {0}", "Error 7")]
    [InlineData("{'message':{'formatted':'only formatted'}}", null, "only formatted")]
    [InlineData("{'sentry.interfaces.Message':{'message':'raven %s','params':['x']}}", "raven %s", null)]
    [InlineData("{'sentry.interfaces.Message':{'message':'raven %s','formatted':'raven x'}}", "raven %s", "raven x")]
    [InlineData("{'logentry':{'message':'from logentry'},'message':'from message'}", "from logentry", "from message")]
    [InlineData("{'logentry':{'message':'','formatted':'x'},'message':{'message':'second'}}", "second", "x")]
    [InlineData("{'logentry':{'message':''}}", "", null)]
    [InlineData("{'message':42}", null, "42")]
    [InlineData("{'message':['a',1]}", null, "[\"a\",1]")]
    [InlineData("{'message':false}", null, null)]
    [InlineData("{'message':null,'logentry':null}", null, null)]
    [InlineData("{'logentry':{'message':5,'formatted':true}}", "5", "True")]
    [InlineData("{}", null, null)]
    public void MessageShapes_GiveTemplateAndFormatted(string json, string? template, string? formatted)
    {
        var data = EventJson.Parse(json);

        Assert.Equal(template, data.MessageTemplate);
        Assert.Equal(formatted, data.MessageFormatted);
    }

    [Fact]
    public void HugeMessage_IsCappedAt8192Characters()
    {
        var data = EventJson.Parse("{'message':'" + new string('x', 100_000) + "'}");

        Assert.Equal(8192, data.MessageFormatted?.Length);
    }

    [Fact]
    public void LoneSurrogateEscape_DropsOnlyThatField()
    {
        var data = EventJson.Parse("{'message':'\\ud800','release':'1.0'}");

        Assert.True(data.IsParsable);
        Assert.Null(data.MessageFormatted);
        Assert.Equal("1.0", data.Release);
    }

    [EventSampleTheory]
    [InlineData("bugsink/top-level-logentry-as-str.json", null, "I'm not sure whether the GO SDK puts strings here too, but for symmetry we're able to deal with it")]
    [InlineData("bugsink/top-level-message-as-str-no-exception.json", null, "I am the GO SDK and I'm sorry I put a string here")]
    [InlineData("bugsink/logmessage-w-params-dict.json", "Error during cleanup of %(one)s: %(two)s", null)]
    [InlineData("bugsink/top-level-message.json", "Error getting videos for user xxx; Failed to communicate with Tiktok API: request timed out", null)]
    public void SampleMessages_AreFound(string sample, string? template, string? formatted)
    {
        var data = EventData.Parse(EventSampleFolder.Read(sample));

        Assert.Equal(template, data.MessageTemplate);
        Assert.Equal(formatted, data.MessageFormatted);
    }
}
