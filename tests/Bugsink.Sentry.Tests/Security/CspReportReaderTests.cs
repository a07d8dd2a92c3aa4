using System.Text;
using System.Text.Json;
using Bugsink.Sentry.Security;

namespace Bugsink.Sentry.Tests.Security;

// The two shapes browsers POST for CSP violations (issue 25 item 6): report-uri's application/csp-report
// (as Chromium and Firefox send it) and the Reporting API's application/reports+json batch.
public class CspReportReaderTests
{
    private const string Legacy = """
        {"csp-report":{"document-uri":"http://app.example/page?x=1","referrer":"","violated-directive":"img-src",
        "effective-directive":"img-src","original-policy":"img-src 'self'; report-uri /r","disposition":"enforce",
        "blocked-uri":"https://evil.example/pixel.png?id=7","line-number":12,"column-number":5,
        "source-file":"http://app.example/app.js","status-code":200,"script-sample":""}}
        """;

    private const string ReportingApi = """
        [{"type":"deprecation","age":10,"url":"http://app.example/","body":{"id":"x"}},
         {"type":"csp-violation","age":3,"url":"http://app.example/b","user_agent":"Chrome/130",
          "body":{"documentURL":"http://app.example/b","blockedURL":"inline","effectiveDirective":"script-src-elem",
                  "originalPolicy":"script-src 'self'","disposition":"report","statusCode":200,"lineNumber":3,"sample":"alert(1)"}},
         {"type":"csp-violation","url":"http://app.example/c",
          "body":{"documentURL":"http://app.example/c","blockedURL":"http://cdn.example:8080/lib.js","effectiveDirective":"script-src-elem"}}]
        """;

    [Fact]
    public void ReportUriBody_GivesOneViolation_TitledByDirectiveAndOrigin()
    {
        Assert.True(CspReportReader.TryRead(Encoding.UTF8.GetBytes(Legacy), out var violations, out var error), error);

        var violation = Assert.Single(violations);
        Assert.Equal("Blocked 'img-src' from https://evil.example", violation.Title);
        Assert.Equal("http://app.example/page?x=1", violation.DocumentUri);
        Assert.Equal("http://app.example/app.js", violation.SourceFile);
        Assert.Equal(12, violation.LineNumber);
        Assert.Equal(5, violation.ColumnNumber);
        Assert.Equal("enforce", violation.Disposition);
    }

    [Fact]
    public void ReportingApiBatch_KeepsTheCspViolations_AndSkipsOtherReportTypes()
    {
        Assert.True(CspReportReader.TryRead(Encoding.UTF8.GetBytes(ReportingApi), out var violations, out var error), error);

        Assert.Equal(["Blocked 'script-src-elem' from 'inline'", "Blocked 'script-src-elem' from http://cdn.example:8080"], violations.Select(v => v.Title));
        Assert.Equal("Chrome/130", violations[0].UserAgent);
        Assert.Equal("alert(1)", violations[0].ScriptSample);
        Assert.Equal("report", violations[0].Disposition);
    }

    [Theory]
    [InlineData("{\"csp-report\":{\"violated-directive\":\"style-src 'self'\",\"blocked-uri\":\"data\"}}", "Blocked 'style-src' from data")]
    [InlineData("{\"csp-report\":{\"effective-directive\":\"img-src\",\"blocked-uri\":\"data:image/png;base64,AAAA\"}}", "Blocked 'img-src' from data:")]
    [InlineData("{\"csp-report\":{\"effective-directive\":\"script-src\",\"blocked-uri\":\"eval\"}}", "Blocked 'script-src' from 'eval'")]
    [InlineData("{\"csp-report\":{\"effective-directive\":\"frame-src\"}}", "Blocked 'frame-src' from 'none'")]
    public void OlderAndPartialReports_StillNameTheDirectiveAndOrigin(string body, string title)
    {
        Assert.True(CspReportReader.TryRead(Encoding.UTF8.GetBytes(body), out var violations, out var error), error);
        Assert.Equal(title, Assert.Single(violations).Title);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("{\"csp-report\":\"text\"}")]
    [InlineData("{\"csp-report\":{\"blocked-uri\":\"https://evil.example\"}}")]
    [InlineData("[{\"type\":\"csp-violation\",\"body\":7}]")]
    public void BodiesWithoutAUsableViolation_AreRefusedWithAReason(string body)
    {
        Assert.False(CspReportReader.TryRead(Encoding.UTF8.GetBytes(body), out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void MoreReportsThanTheLimit_AreRefused()
    {
        var one = "{\"type\":\"csp-violation\",\"body\":{\"effectiveDirective\":\"img-src\",\"blockedURL\":\"https://a.example\"}}";
        var body = "[" + string.Join(",", Enumerable.Repeat(one, CspReportReader.MaxReportsPerBody + 1)) + "]";
        Assert.False(CspReportReader.TryRead(Encoding.UTF8.GetBytes(body), out _, out var error));
        Assert.Contains("more than", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EventPayload_GroupsByDirectiveAndOrigin_AndKeepsEveryField()
    {
        Assert.True(CspReportReader.TryRead(Encoding.UTF8.GetBytes(Legacy), out var violations, out _));

        var payload = CspEventWriter.Write(violations[0], "0123456789abcdef0123456789abcdef", DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), "web@1.2", "production");

        using var json = JsonDocument.Parse(payload);
        var root = json.RootElement;
        Assert.Equal(["csp", "img-src", "https://evil.example"], root.GetProperty("fingerprint").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Blocked 'img-src' from https://evil.example", root.GetProperty("logentry").GetProperty("formatted").GetString());
        Assert.Equal("https://evil.example/pixel.png?id=7", root.GetProperty("csp").GetProperty("blocked_uri").GetString());
        Assert.Equal(12, root.GetProperty("csp").GetProperty("line_number").GetInt32());
        Assert.Equal("web@1.2", root.GetProperty("release").GetString());
        Assert.Equal("production", root.GetProperty("environment").GetString());
        Assert.Equal("http://app.example/page?x=1", root.GetProperty("request").GetProperty("url").GetString());
    }
}
