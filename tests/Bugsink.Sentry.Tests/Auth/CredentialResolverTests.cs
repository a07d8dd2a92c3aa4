using Bugsink.Sentry.Auth;

namespace Bugsink.Sentry.Tests.Auth;

public class CredentialResolverTests
{
    private const string Key = "e12d836b15bb49d7bbf99e64295d995b";
    private const string OtherKey = "0000836b15bb49d7bbf99e64295d995b";

    [Theory]
    [InlineData("Sentry sentry_version=7,sentry_client=sentry.dotnet/5.0.0,sentry_key=" + Key, null, null, null)]
    [InlineData("Sentry sentry_key=" + Key + ", sentry_version=7, sentry_client=sentry.python/2.68.0", null, null, null)]
    [InlineData("SENTRY sentry_key=" + Key, null, null, null)]
    [InlineData(null, null, Key, "7")]
    [InlineData(null, "Sentry sentry_key=" + Key + ", sentry_version=7", null, null)]
    [InlineData(null, "sentry sentry_key=" + Key, null, null)]
    [InlineData("Sentry sentry_key=" + Key, null, Key, "7")]
    [InlineData("Sentry sentry_key=" + Key, "Sentry sentry_key=" + Key, Key, null)]
    [InlineData(null, "Bearer abc", Key, null)]
    [InlineData(null, "Basic dXNlcjpwYXNz", Key, null)]
    [InlineData("Sentry sentry_key=E12D836B15BB49D7BBF99E64295D995B", null, null, null)]
    [InlineData(null, null, Key + ".flag", null)]
    [InlineData("Sentry sentry_key=" + Key + ", sentry_version=7.0", null, null, null)]
    [InlineData("Sentry sentry_key=" + Key + ", sentry_version=junk", null, null, null)]
    [InlineData("Sentry sentry_key=" + Key + ", sentry_version=6", null, null, null)]
    public void AcceptableCredentials_ReturnLowercaseKey(string? xSentryAuth, string? authorization, string? queryKey, string? queryVersion)
    {
        var credentials = CredentialResolver.FromRequest(xSentryAuth, authorization, queryKey, queryVersion);

        Assert.Equal(CredentialProblem.None, credentials.Problem);
        Assert.Equal(200, credentials.StatusCode);
        Assert.Equal(Key, credentials.PublicKey);
    }

    [Theory]
    [InlineData(null, null, null, null, CredentialProblem.Missing, 401)]
    [InlineData("", null, "", "7", CredentialProblem.Missing, 401)]
    [InlineData(null, "Bearer abc", null, null, CredentialProblem.Missing, 401)]
    [InlineData("Sentry sentry_version=7", null, null, null, CredentialProblem.Malformed, 401)]
    [InlineData("Bearer whatever", null, null, null, CredentialProblem.Malformed, 401)]
    [InlineData(null, "Sentry sentry_version=7", null, null, CredentialProblem.Malformed, 401)]
    [InlineData("Sentry sentry_key=" + Key, null, OtherKey, null, CredentialProblem.Conflicting, 401)]
    [InlineData(null, "Sentry sentry_key=" + OtherKey, Key, null, CredentialProblem.Conflicting, 401)]
    [InlineData("Sentry sentry_key=" + Key, "Sentry sentry_key=" + OtherKey, null, null, CredentialProblem.Conflicting, 401)]
    [InlineData("Sentry sentry_key=" + Key + ", sentry_version=8", null, null, null, CredentialProblem.UnsupportedVersion, 400)]
    [InlineData(null, null, Key, "8.1", CredentialProblem.UnsupportedVersion, 400)]
    [InlineData("Sentry sentry_key=" + Key, null, null, "8", CredentialProblem.UnsupportedVersion, 400)]
    [InlineData("Sentry sentry_key=abc", null, null, null, CredentialProblem.BadKeyFormat, 400)]
    [InlineData(null, null, Key + "0", null, CredentialProblem.BadKeyFormat, 400)]
    [InlineData(null, null, "e12d836b15bb49d7bbf99e64295d995\u00e9", null, CredentialProblem.BadKeyFormat, 400)]
    public void UnacceptableCredentials_ReturnProblemAndStatus(
        string? xSentryAuth, string? authorization, string? queryKey, string? queryVersion, CredentialProblem problem, int status)
    {
        var credentials = CredentialResolver.FromRequest(xSentryAuth, authorization, queryKey, queryVersion);

        Assert.Equal(problem, credentials.Problem);
        Assert.Equal(status, credentials.StatusCode);
        Assert.Null(credentials.PublicKey);
        Assert.False(string.IsNullOrEmpty(credentials.Message));
    }

    [Theory]
    [InlineData(Key, null, CredentialProblem.None, Key)]
    [InlineData(Key, "https://" + Key + "@example.com/42", CredentialProblem.None, Key)]
    [InlineData(Key, "https://" + OtherKey + "@example.com/42", CredentialProblem.Conflicting, null)]
    [InlineData(Key, "not a dsn", CredentialProblem.None, Key)]
    [InlineData(null, null, CredentialProblem.Missing, null)]
    [InlineData(null, "", CredentialProblem.Missing, null)]
    [InlineData(null, "https://" + Key + "@example.com/42", CredentialProblem.None, Key)]
    [InlineData(null, "https://E12D836B15BB49D7BBF99E64295D995B@example.com/sub/42", CredentialProblem.None, Key)]
    [InlineData(null, "https://short@example.com/42", CredentialProblem.Malformed, null)]
    [InlineData(null, "not a dsn", CredentialProblem.Malformed, null)]
    [InlineData(null, "https://" + Key + "@example.com/", CredentialProblem.Malformed, null)]
    public void EnvelopeDsn_CombinesWithRequestCredentials(string? requestKey, string? dsn, CredentialProblem problem, string? key)
    {
        var fromRequest = CredentialResolver.FromRequest(null, null, requestKey, null);

        var credentials = CredentialResolver.WithEnvelopeDsn(fromRequest, dsn);

        Assert.Equal(problem, credentials.Problem);
        Assert.Equal(key, credentials.PublicKey);
        Assert.Equal(problem == CredentialProblem.None ? 200 : 401, credentials.StatusCode);
    }

    [Fact]
    public void KeyFromDsn_CarriesTheDsnProjectId()
    {
        var missing = CredentialResolver.FromRequest(null, null, null, null);

        var credentials = CredentialResolver.WithEnvelopeDsn(missing, "https://" + Key + "@example.com/sub/42");

        Assert.Equal("42", credentials.DsnProjectId);
    }

    [Fact]
    public void RequestProblemOtherThanMissing_IsKeptDespiteDsn()
    {
        var badVersion = CredentialResolver.FromRequest(null, null, Key, "8");

        var credentials = CredentialResolver.WithEnvelopeDsn(badVersion, "https://" + Key + "@example.com/42");

        Assert.Same(badVersion, credentials);
    }
}
