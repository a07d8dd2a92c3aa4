using Bugsink.Sentry.Events;

namespace Bugsink.Sentry.Tests.Events;

public class EventDataExceptionTests
{
    [Theory]
    [InlineData("{'exception':[{'type':'A'},{'type':'B'}]}", "A,B")]
    [InlineData("{'exception':{'values':[{'type':'A'},{'type':'B'}]}}", "A,B")]
    [InlineData("{'exception':{'type':'Single','value':'legacy object'}}", "Single")]
    [InlineData("{'sentry.interfaces.Exception':{'values':[{'type':'Raven'}]}}", "Raven")]
    [InlineData("{'exception':[null,{'type':'B'},7,'x']}", "B")]
    [InlineData("{'exception':[{'type':'A'},{'stacktrace':{'frames':[]}},{'value':'only a value'}]}", "A,")]
    [InlineData("{'exception':{}}", "")]
    [InlineData("{'exception':{'values':[]}}", "")]
    [InlineData("{'exception':{'values':null}}", "")]
    [InlineData("{'exception':[]}", "")]
    [InlineData("{'exception':null}", "")]
    [InlineData("{'exception':'boom'}", "")]
    public void ExceptionForms_AreReadOldestToNewest(string json, string expectedTypes)
    {
        var data = EventJson.Parse(json);

        Assert.Equal(expectedTypes, string.Join(",", data.Exceptions.Select(e => e.Type)));
    }

    [Theory]
    [InlineData("'plain'", "plain")]
    [InlineData("{'unauthorized':true}", "{\"unauthorized\":true}")]
    [InlineData("42", "42")]
    [InlineData("[1, 2]", "[1,2]")]
    [InlineData("null", null)]
    public void NonStringValue_IsStringified(string value, string? expected)
    {
        var data = EventJson.Parse("{'exception':[{'type':'E','value':" + value + "}]}");

        Assert.Equal(expected, Assert.Single(data.Exceptions).Value);
    }

    [Theory]
    [InlineData("{'type':'generic','handled':true}", "generic", true, false)]
    [InlineData("{'type':'onerror','handled':false,'synthetic':true}", "onerror", false, true)]
    [InlineData("{'handled':'yes'}", "generic", null, false)]
    [InlineData("null", null, null, false)]
    public void Mechanism_IsRead(string mechanism, string? type, bool? handled, bool synthetic)
    {
        var data = EventJson.Parse("{'exception':[{'type':'E','mechanism':" + mechanism + "}]}");

        var exception = Assert.Single(data.Exceptions);
        Assert.Equal((type, handled, synthetic), (exception.MechanismType, exception.Handled, exception.Synthetic));
        Assert.Equal(handled, data.Handled);
    }

    [Fact]
    public void ChainedExceptions_TakeHandledFromTheLast()
    {
        var data = EventJson.Parse(
            "{'exception':{'values':[{'type':'Cause','mechanism':{'type':'chained','handled':true}},"
            + "{'type':'Main','mechanism':{'type':'generic','handled':false}}]}}");

        Assert.Equal("Main", data.Exceptions[^1].Type);
        Assert.False(data.Handled);
    }

    [Theory]
    [InlineData("{'frames':null}", null)]
    [InlineData("{'frames':[]}", null)]
    [InlineData("{'frames':[null,{'function':'f'},'junk']}", "f")]
    [InlineData("{'frames':[{'function':'f','in_app':true},{'function':'g','in_app':'yes'}]}", "f")]
    [InlineData("{'frames':[{'function':'f','in_app':true,'in_app':null},{'function':'g'}]}", "g")]
    [InlineData("null", null)]
    [InlineData("'not a stacktrace'", null)]
    public void OddFrameLists_AreTolerated(string stacktrace, string? crashFunction)
    {
        var data = EventJson.Parse("{'exception':[{'type':'E','stacktrace':" + stacktrace + "}]}");

        Assert.Single(data.Exceptions);
        Assert.Equal(crashFunction, data.CrashFrame?.Function);
    }

    [Fact]
    public void FrameFields_AreReadLeniently()
    {
        var data = EventJson.Parse(
            "{'exception':[{'type':'E','stacktrace':{'frames':[{'function':'Run','raw_function':'Run(int)','module':'App.Jobs',"
            + "'package':'App, Version=1.0','filename':'Jobs.cs','abs_path':'/src/Jobs.cs','lineno':'12','colno':3.0,"
            + "'in_app':true,'context_line':'throw;'}]}}]}");

        Assert.Equal(new StackFrameData("Run", "Run(int)", "App.Jobs", "App, Version=1.0", "Jobs.cs", "/src/Jobs.cs", 12, 3, true, "throw;"), data.CrashFrame);
    }

    // Only the newest 256 frames are looked at: an in-app frame older than that does not count.
    [Theory]
    [InlineData(43, "f299")]
    [InlineData(44, "f44")]
    [InlineData(299, "f299")]
    public void ManyFrames_OnlyTheNewestAreConsidered(int inAppFrame, string crashFunction)
    {
        var frames = string.Join(",", Enumerable.Range(0, 300).Select(i => "{'function':'f" + i + "'" + (i == inAppFrame ? ",'in_app':true" : "") + "}"));

        var data = EventJson.Parse("{'exception':[{'type':'E','stacktrace':{'frames':[" + frames + "]}}]}");

        Assert.Equal(crashFunction, data.CrashFrame?.Function);
    }

    [Theory]
    [InlineData("{'exception':[{'type':'E','stacktrace':{'frames':[{'function':'a','in_app':true},{'function':'b','in_app':false}]}}]}", "a")]
    [InlineData("{'exception':[{'type':'E','stacktrace':{'frames':[{'function':'a'},{'function':'b'}]}}]}", "b")]
    [InlineData("{'exception':[{'type':'Cause','stacktrace':{'frames':[{'function':'old'}]}},{'type':'Main','stacktrace':{'frames':[{'function':'new'}]}}]}", "new")]
    [InlineData("{'exception':[{'type':'E'}],'stacktrace':{'frames':[{'function':'top'}]}}", "top")]
    [InlineData("{'sentry.interfaces.Stacktrace':{'frames':[{'function':'raven'}]}}", "raven")]
    [InlineData("{'threads':{'values':[{'id':1,'stacktrace':{'frames':[{'function':'idle'}]}},{'id':2,'crashed':true,'stacktrace':{'frames':[{'function':'crash'}]}}]}}", "crash")]
    [InlineData("{'threads':[{'id':7,'stacktrace':{'frames':[{'function':'only'}]}}]}", "only")]
    [InlineData("{'exception':[{'type':'E','thread_id':2}],'threads':[{'id':1,'stacktrace':{'frames':[{'function':'x'}]}},{'id':2,'stacktrace':{'frames':[{'function':'thrower'}]}}]}", "thrower")]
    [InlineData("{'threads':[{'id':1,'stacktrace':{'frames':[{'function':'x'}]}},{'id':2,'stacktrace':{'frames':[{'function':'y'}]}}]}", null)]
    [InlineData("{'exception':[{'type':'E'}]}", null)]
    public void CrashFrame_IsTheNewestInAppFrameOfTheBestStack(string json, string? function)
    {
        Assert.Equal(function, EventJson.Parse(json).CrashFrame?.Function);
    }

    [EventSampleTheory]
    [InlineData("bugsink/exception_null_frames.json", "CapturedStacktraceFo", false)]
    [InlineData("bugsink/exception_no_frames.json", "CapturedStacktraceFo", false)]
    [InlineData("bugsink/headers_as_lists.json", "System.NullReferenceException", true)]
    public void SampleExceptions_AreRead(string sample, string type, bool hasFrames)
    {
        var data = EventData.Parse(EventSampleFolder.Read(sample));

        Assert.Equal(type, data.Exceptions[^1].Type);
        Assert.Equal(hasFrames, data.CrashFrame is not null);
    }
}
