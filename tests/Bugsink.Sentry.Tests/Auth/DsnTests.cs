using Bugsink.Sentry.Auth;

namespace Bugsink.Sentry.Tests.Auth;

public class DsnTests
{
    private const string Key = "e12d836b15bb49d7bbf99e64295d995b";

    [Theory]
    [InlineData("https://" + Key + "@errors.example.com/42", "https", "errors.example.com", null, "", "42")]
    [InlineData("https://" + Key + "@errors.example.com/sub/42", "https", "errors.example.com", null, "/sub", "42")]
    [InlineData("http://" + Key + "@127.0.0.1:8000/7", "http", "127.0.0.1", 8000, "", "7")]
    [InlineData("http://" + Key + ":secret@localhost:80/sentry/custom/installation/3", "http", "localhost", null, "/sentry/custom/installation", "3")]
    [InlineData("https://" + Key + "@[::1]:9000/5", "https", "[::1]", 9000, "", "5")]
    [InlineData("  HTTPS://" + Key + "@Example.COM/42?x=1  ", "https", "example.com", null, "", "42")]
    public void ValidDsn_ParsesEveryPart(string text, string scheme, string host, int? port, string pathPrefix, string projectId)
    {
        Assert.True(Dsn.TryParse(text, out var dsn));
        Assert.Equal(new Dsn(scheme, Key, host, port, pathPrefix, projectId), dsn);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a dsn")]
    [InlineData("ftp://" + Key + "@example.com/42")]
    [InlineData("https://example.com/42")]
    [InlineData("https://" + Key + "@example.com/")]
    [InlineData("https://" + Key + "@example.com/42/")]
    [InlineData("https://" + Key + "@example.com/abc")]
    [InlineData("https://" + Key + "@example.com")]
    [InlineData("/relative/42")]
    public void InvalidDsn_ReturnsFalse(string? text)
    {
        Assert.False(Dsn.TryParse(text, out var dsn));
        Assert.Null(dsn);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8000", 42, "http://" + Key + "@127.0.0.1:8000/42")]
    [InlineData("http://127.0.0.1:8000/", 42, "http://" + Key + "@127.0.0.1:8000/42")]
    [InlineData("https://example.com/errors", 1, "https://" + Key + "@example.com/errors/1")]
    [InlineData("https://example.com/errors/", 1, "https://" + Key + "@example.com/errors/1")]
    [InlineData("https://example.com:443/a/b", 1234567890123, "https://" + Key + "@example.com/a/b/1234567890123")]
    public void Format_BuildsDsnThatParsesBack(string baseUrl, long projectId, string expected)
    {
        var text = Dsn.Format(baseUrl, Key, projectId);

        Assert.Equal(expected, text);
        Assert.True(Dsn.TryParse(text, out var dsn));
        Assert.Equal(text, dsn.ToString());
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("ftp://example.com")]
    public void FormatWithBadBaseUrl_Throws(string baseUrl)
    {
        Assert.Throws<ArgumentException>(() => Dsn.Format(baseUrl, Key, 1));
    }
}
