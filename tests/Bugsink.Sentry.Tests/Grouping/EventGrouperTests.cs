using System.Security.Cryptography;
using System.Text;
using Bugsink.Sentry.Grouping;
using Bugsink.Sentry.Tests.Events;

namespace Bugsink.Sentry.Tests.Grouping;

public class EventGrouperTests
{
    [Theory]
    [InlineData("{'exception':[{'type':'ValueError','value':'User 42 not found'}]}", "ValueError: User <int> not found", "ValueError: User 42 not found", "ValueError", "User 42 not found")]
    [InlineData("{'exception':[{'type':'KeyError','value':'a\\nb\\nc'}]}", "KeyError: a", "KeyError: a", "KeyError", "a\nb\nc")]
    [InlineData("{'exception':[{'type':'Boom'}]}", "Boom", "Boom", "Boom", "")]
    [InlineData("{'exception':[{'type':'Boom','value':''}]}", "Boom", "Boom", "Boom", "")]
    [InlineData("{'exception':[{'value':'no type here'}]}", "Error: no type here", "Error: no type here", "Error", "no type here")]
    [InlineData("{'exception':[{'type':'  ','value':'blank type'}]}", "Error: blank type", "Error: blank type", "Error", "blank type")]
    [InlineData("{'exception':{'values':[{'type':'Cause','value':'first'},{'type':'Main','value':'second'}]}}", "Main: second", "Main: second", "Main", "second")]
    [InlineData("{'exception':{'type':'Single','value':'id 7'}}", "Single: id <int>", "Single: id 7", "Single", "id 7")]
    [InlineData("{'exception':[{'type':'E','value':{'unauthorized':true}}]}", "E: {\"unauthorized\":true}", "E: {\"unauthorized\":true}", "E", "{\"unauthorized\":true}")]
    [InlineData("{'exception':[{'type':'E','value':'x'}],'logentry':{'message':'ignored when there is an exception'}}", "E: x", "E: x", "E", "x")]
    public void ExceptionEvent_GroupsByTypeAndNormalisedValue(string json, string key, string title, string type, string value)
    {
        var result = EventGrouper.Group(EventJson.Parse(json));

        Assert.Equal((key, title, type, value), (result.Key, result.Title, result.Type, result.Value));
    }

    [Theory]
    [InlineData("{'exception':[{'type':'SIGSEGV','value':'Segfault','mechanism':{'type':'signalhandler','synthetic':true},"
        + "'stacktrace':{'frames':[{'function':'main','in_app':true},{'function':'crash_here','in_app':true},{'function':'libc_call','in_app':false}]}}]}",
        "crash_here")]
    [InlineData("{'exception':[{'type':'SIGSEGV','value':'Segfault','mechanism':{'type':'signalhandler','synthetic':true}}]}", "<unknown>")]
    [InlineData("{'exception':[{'type':'E','value':'v','mechanism':{'type':'x','synthetic':true}}],'threads':[{'id':1,'crashed':true,"
        + "'stacktrace':{'frames':[{'function':'thread_fn'}]}}]}", "thread_fn")]
    public void SyntheticException_IsNamedByCrashFunction(string json, string expectedType)
    {
        var result = EventGrouper.Group(EventJson.Parse(json));

        Assert.Equal((expectedType, "", expectedType, expectedType), (result.Type, result.Value, result.Key, result.Title));
    }

    [Theory]
    [InlineData("{'exception':[{'type':'SIGSEGV','value':'Segfault','mechanism':{'type':'x','synthetic':true},"
        + "'stacktrace':{'frames':[{'function':'?','in_app':true}]}}]}", "<unknown>")]
    [InlineData("{'exception':[{'value':'v','mechanism':{'type':'x','synthetic':true},"
        + "'stacktrace':{'frames':[{'function':'<anonymous>','in_app':true}]}}]}", "<unknown>")]
    public void SyntheticExceptionWithAnonymousCrashFunction_IsUnknown(string json, string expectedType)
    {
        Assert.Equal(expectedType, EventGrouper.Group(EventJson.Parse(json)).Type);
    }

    // @sentry/browser and @sentry/node 11 send captureMessage with a synthetic exception carrying the stack trace.
    [Theory]
    [InlineData("{'logentry':{'message':'Payment provider timed out'},'exception':{'values':[{'type':null,'value':'Payment provider timed out',"
        + "'mechanism':{'type':'generic','synthetic':true},'stacktrace':{'frames':[{'function':'?','module':'send','in_app':true}]}}]}}",
        "Log Message: Payment provider timed out", "Payment provider timed out")]
    [InlineData("{'message':'User %s saved','exception':[{'value':'User bob saved','mechanism':{'type':'generic','synthetic':true}}]}",
        "Log Message: User %s saved", "User %s saved")]
    public void MessageWithSyntheticException_GroupsAsTheMessage(string json, string key, string title)
    {
        var result = EventGrouper.Group(EventJson.Parse(json));

        Assert.Equal((key, title), (result.Key, result.Title));
    }

    [Theory]
    [InlineData("{'logentry':{'message':'Order %s failed','formatted':'Order 12 failed'}}", "Log Message: Order %s failed", "Order %s failed")]
    [InlineData("{'logentry':{'formatted':'Order 12 failed'}}", "Log Message: Order <int> failed", "Order 12 failed")]
    [InlineData("{'message':'  Disk 93% full\\nsecond line  '}", "Log Message: Disk <int>% full", "Disk 93% full")]
    [InlineData("{'message':{'message':'   ','formatted':'fallback 1'}}", "Log Message: fallback <int>", "fallback 1")]
    [InlineData("{'logentry':{'message':''}}", "Log Message: <no log message>", "<no log message>")]
    [InlineData("{'message':'   \\n  '}", "Log Message: <no log message>", "<no log message>")]
    [InlineData("{'exception':[],'message':'empty exception list'}", "Log Message: empty exception list", "empty exception list")]
    public void MessageEvent_GroupsByTemplateThenFormatted(string json, string key, string title)
    {
        var result = EventGrouper.Group(EventJson.Parse(json));

        Assert.Equal((key, title, "Log Message"), (result.Key, result.Title, result.Type));
        Assert.Equal(title, result.Value);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{'exception':{}}")]
    [InlineData("{'exception':{'values':[{}]}}")]
    [InlineData("{'level':'info','threads':[{'id':1}]}")]
    [InlineData("not even json")]
    public void NoExceptionAndNoMessage_IsUnknown(string json)
    {
        var result = EventGrouper.Group(EventJson.Parse(json));

        Assert.Equal(("<unknown>", "<unknown>", "<unknown>", ""), (result.Key, result.Title, result.Type, result.Value));
    }

    [Fact]
    public void LongTypeAndValue_AreTrimmed()
    {
        var json = "{'exception':[{'type':'" + new string('T', 300) + "','value':'" + new string('v', 3000) + "'}]}";

        var result = EventGrouper.Group(EventJson.Parse(json));

        Assert.Equal((128, 1024), (result.Type.Length, result.Value.Length));
    }

    [Fact]
    public void KeyHash_IsLowercaseSha256OfKey()
    {
        var result = EventGrouper.Group(EventJson.Parse("{'exception':[{'type':'E','value':'ünïcode ⋄'}]}"));

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(result.Key)));
        Assert.Equal(expected, result.KeyHash);
        Assert.Equal(EventGrouper.CurrentScheme, result.SchemeVersion);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void UnknownScheme_Throws(int scheme)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EventGrouper.Group(EventJson.Parse("{}"), scheme));
    }

    [Fact]
    public void ExplicitCurrentScheme_EqualsDefault()
    {
        var data = EventJson.Parse("{'exception':[{'type':'E','value':'v 1'}]}");

        Assert.Equal(EventGrouper.Group(data), EventGrouper.Group(data, 2));
    }

    [Theory]
    [InlineData("{'transaction':'/users/{id}','exception':[{'type':'E','stacktrace':{'frames':[{'module':'app','function':'f'}]}}]}", "/users/{id}")]
    [InlineData("{'exception':[{'type':'E','stacktrace':{'frames':[{'module':'app.views','function':'index','in_app':true},{'module':'lib','function':'g'}]}}]}", "app.views in index")]
    [InlineData("{'exception':[{'type':'E','stacktrace':{'frames':[{'filename':'app.js','function':'onClick'}]}}]}", "app.js in onClick")]
    [InlineData("{'exception':[{'type':'E','stacktrace':{'frames':[{'function':'onClick'}]}}]}", "onClick")]
    [InlineData("{'exception':[{'type':'E','stacktrace':{'frames':[{'abs_path':'/srv/app.py'}]}}]}", "/srv/app.py")]
    [InlineData("{'exception':[{'type':'E'}]}", null)]
    public void Culprit_IsTransactionElseCrashLocation(string json, string? culprit)
    {
        Assert.Equal(culprit, EventGrouper.Group(EventJson.Parse(json)).Culprit);
    }

    [Fact]
    public void SameErrorWithDifferentIds_SharesKey()
    {
        var first = EventGrouper.Group(EventJson.Parse("{'exception':[{'type':'NotFound','value':'order 3f2504e0-4f89-11d3-9a0c-0305e82c3301 at 10.0.0.1'}]}"));
        var second = EventGrouper.Group(EventJson.Parse("{'exception':[{'type':'NotFound','value':'order 7c9e6679-7425-40de-944b-e07fc1f90ae7 at 10.0.0.2'}]}"));

        Assert.Equal(first.KeyHash, second.KeyHash);
        Assert.NotEqual(first.Title, second.Title);
    }
}
