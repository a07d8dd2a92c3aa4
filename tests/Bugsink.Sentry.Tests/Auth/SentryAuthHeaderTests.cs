using Bugsink.Sentry.Auth;

namespace Bugsink.Sentry.Tests.Auth;

public class SentryAuthHeaderTests
{
    [Theory]
    [InlineData("Sentry sentry_key=abc, sentry_version=7, sentry_client=sentry.python/2.68.0", "abc", "7")]
    [InlineData("Sentry sentry_version=7,sentry_client=sentry.dotnet/5.0.0,sentry_key=abc", "abc", "7")]
    [InlineData("SENTRY sentry_key=abc", "abc", null)]
    [InlineData("sentry   sentry_key = abc ,  sentry_version = 7.0 ", "abc", "7.0")]
    [InlineData("  Sentry\tsentry_key=abc,sentry_secret=s,sentry_timestamp=1", "abc", null)]
    [InlineData("Sentry sentry_key=, sentry_version=7", null, "7")]
    [InlineData("Sentry sentry_client=x", null, null)]
    [InlineData("Sentry junk, sentry_key=abc", "abc", null)]
    public void SentryForm_ReturnsKeyAndVersion(string header, string? key, string? version)
    {
        Assert.True(SentryAuthHeader.TryParse(header, out var parsedKey, out var parsedVersion));
        Assert.Equal(key, parsedKey);
        Assert.Equal(version, parsedVersion);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Sentry")]
    [InlineData("Sentry ")]
    [InlineData("Sentry junk")]
    [InlineData("Bearer sentry_key=abc")]
    [InlineData("Sentrysentry_key=abc")]
    [InlineData("sentry_key=abc")]
    public void OtherForms_ReturnFalse(string? header)
    {
        Assert.False(SentryAuthHeader.TryParse(header, out var key, out var version));
        Assert.Null(key);
        Assert.Null(version);
    }
}
