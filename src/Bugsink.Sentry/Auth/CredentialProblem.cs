namespace Bugsink.Sentry.Auth;

public enum CredentialProblem
{
    None,
    Missing,
    Conflicting,
    Malformed,
    UnsupportedVersion,
    BadKeyFormat,
}
