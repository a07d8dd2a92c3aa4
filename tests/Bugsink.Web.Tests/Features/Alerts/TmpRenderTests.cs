using Bugsink.Sentry.Events;
using Bugsink.Web.Features.Alerts;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Alerts;

public sealed class TmpRenderTests(ITestOutputHelper output)
{
    [Fact]
    public void Render()
    {
        var frame = new StackFrameData("handleClick", null, null, null, "app.js", null, 42, 7, true, "  const y = x.foo;");
        var facts = new AlertFacts(AlertKind.Regression, "shop@1.1", 3, "Shop", "SHOP", [new IssueFacts(17, 5, "TypeError: x is undefined", "app.js in handleClick", DateTimeOffset.UnixEpoch, 1234)], new EventFacts("shop@1.1", "production", frame));
        var email = AlertEmailComposer.Compose(facts, new AlertLinks("https://errors.example.com"));
        output.WriteLine(email.Subject);
        output.WriteLine(email.Text);
        output.WriteLine(email.Html);
    }
}
