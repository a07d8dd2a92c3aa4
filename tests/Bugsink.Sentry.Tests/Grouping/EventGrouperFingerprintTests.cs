using Bugsink.Sentry.Grouping;
using Bugsink.Sentry.Tests.Events;

namespace Bugsink.Sentry.Tests.Grouping;

public class EventGrouperFingerprintTests
{
    private const string FullEvent =
        "{'transaction':'/orders/{id}','level':'warning','logger':'app.orders','tags':{'region':'eu','my tag':'spaced'},"
        + "'environment':'prod','logentry':{'message':'Order %s failed','formatted':'Order 12 failed'},"
        + "'exception':[{'type':'Cause','value':'old'},{'type':'OrderError','value':'Order 12 failed',"
        + "'stacktrace':{'frames':[{'function':'handle','module':'app.orders','package':'/usr/lib/liborders.so.1',"
        + "'filename':'orders.py','abs_path':'/srv/app/orders.py','in_app':true},{'function':'lib','in_app':false}]}}]}";

    private const string BareEvent = "{'level':'info'}";

    [Theory]
    [InlineData("{{ default }}")]
    [InlineData("{{default}}")]
    [InlineData("{{  default   }}")]
    [InlineData("{{default }}")]
    [InlineData("{{ DEFAULT }}")]
    public void DefaultVariable_AnySpacing_IsTheDefaultKey(string variable)
    {
        var result = Group("{'fingerprint':['" + variable + "'],'exception':[{'type':'E','value':'id 5'}]}");

        Assert.Equal("E: id <int>", result.Key);
    }

    [Fact]
    public void DefaultPlusExtra_IsJoinedWithSeparator()
    {
        var result = Group("{'fingerprint':['{{ default }}','http://example.com/my.url'],'exception':[{'type':'E','value':'id 5'}]}");

        Assert.Equal("E: id <int> ⋄ http://example.com/my.url", result.Key);
        Assert.Equal("E: id 5", result.Title);
    }

    [Theory]
    [InlineData("['myrpc','POST','/foo.bar']", "myrpc ⋄ POST ⋄ /foo.bar")]
    [InlineData("['celery',123,true]", "celery ⋄ 123 ⋄ True")]
    [InlineData("['{ default }','{{ de fault }}','{{}}','{{ nope }}','x{{ default }}']", "{ default } ⋄ {{ de fault }} ⋄ {{}} ⋄ {{ nope }} ⋄ x{{ default }}")]
    public void FingerprintWithoutDefault_ReplacesDefaultGrouping(string fingerprint, string key)
    {
        var result = Group("{'fingerprint':" + fingerprint + ",'exception':[{'type':'E','value':'v'}]}");

        Assert.Equal((key, "E: v"), (result.Key, result.Title));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[null]")]
    [InlineData("['']")]
    [InlineData("[' ','']")]
    [InlineData("'not a list'")]
    public void EmptyOrInvalidFingerprint_UsesDefaultGrouping(string fingerprint)
    {
        Assert.Equal("E: v", Group("{'fingerprint':" + fingerprint + ",'exception':[{'type':'E','value':'v'}]}").Key);
    }

    [Theory]
    [InlineData("transaction", "/orders/{id}", "<no-transaction>")]
    [InlineData("type", "OrderError", "<no-type>")]
    [InlineData("error.type", "OrderError", "<no-type>")]
    [InlineData("value", "Order 12 failed", "<no-value>")]
    [InlineData("error.value", "Order 12 failed", "<no-value>")]
    [InlineData("function", "handle", "<no-function>")]
    [InlineData("stack.function", "handle", "<no-function>")]
    [InlineData("module", "app.orders", "<no-module>")]
    [InlineData("stack.module", "app.orders", "<no-module>")]
    [InlineData("package", "liborders.so.1", "<no-package>")]
    [InlineData("stack.package", "liborders.so.1", "<no-package>")]
    [InlineData("stack.abs_path", "/srv/app/orders.py", "<no-abs-path>")]
    [InlineData("stack.filename", "orders.py", "<no-filename>")]
    [InlineData("level", "warning", "info")]
    [InlineData("logger", "app.orders", "<no-logger>")]
    [InlineData("message", "Order 12 failed", "<no-message>")]
    [InlineData("tags.region", "eu", "<no-value-for-tag-region>")]
    [InlineData("tags.my-tag", "spaced", "<no-value-for-tag-my-tag>")]
    [InlineData("tags.environment", "prod", "<no-value-for-tag-environment>")]
    public void EachVariable_ResolvesOrGivesPlaceholder(string variable, string present, string absent)
    {
        var fingerprint = "'fingerprint':['x','{{ " + variable + " }}']";

        var withValue = Group(FullEvent.Insert(1, fingerprint + ","));
        var withoutValue = Group(BareEvent.Insert(1, fingerprint + ","));

        Assert.Equal("x ⋄ " + present, withValue.Key);
        Assert.Equal("x ⋄ " + absent, withoutValue.Key);
    }

    [Fact]
    public void LevelVariable_DefaultsToError()
    {
        Assert.Equal("error", Group("{'fingerprint':['{{level}}']}").Key);
    }

    [Fact]
    public void PackageVariable_TakesWindowsBasenameToo()
    {
        var json = "{'fingerprint':['{{ package }}'],'exception':[{'type':'E','stacktrace':{'frames':[{'package':'C:\\\\app\\\\bin\\\\App.dll'}]}}]}";

        Assert.Equal("App.dll", Group(json).Key);
    }

    [Fact]
    public void FingerprintKey_IsIndependentOfTheMessage()
    {
        var first = Group("{'fingerprint':['db-timeout'],'exception':[{'type':'Timeout','value':'query 1'}]}");
        var second = Group("{'fingerprint':['db-timeout'],'exception':[{'type':'Deadlock','value':'other'}]}");

        Assert.Equal(first.KeyHash, second.KeyHash);
    }

    [EventSampleTheory]
    [InlineData("sentry/custom-fingerprint.json", "celery ⋄ SoftTimeLimitExceeded ⋄ sentry.tasks.store.process_event")]
    [InlineData("sentry/custom-fingerprint-int.json", "celery ⋄ 123 ⋄ sentry.tasks.store.process_event")]
    [InlineData("bugsink/top-level-message-no-exception.json", "Log Message: Error getting videos for user xxx; Failed to communicate with Tiktok API: request timed out")]
    public void SampleFingerprints_GiveExpectedKeys(string sample, string key)
    {
        var data = Bugsink.Sentry.Events.EventData.Parse(EventSampleFolder.Read(sample));

        Assert.Equal(key, EventGrouper.Group(data).Key);
    }

    private static GroupingResult Group(string json) => EventGrouper.Group(EventJson.Parse(json));
}
