namespace Bugsink.Sentry.Auth;

// The outcome of reading credentials off a request. The status codes follow Relay (PROTOCOL.md §2.6):
// anything wrong with *finding* the credentials is 401, a readable but unacceptable key or version is 400.
public sealed record RequestCredentials(string? PublicKey, CredentialProblem Problem, string? Message)
{
    public int StatusCode => Problem switch
    {
        CredentialProblem.None => 200,
        CredentialProblem.Missing or CredentialProblem.Conflicting or CredentialProblem.Malformed => 401,
        _ => 400,
    };

    public bool IsValid => Problem == CredentialProblem.None;

    // Set when the key came from the envelope "dsn" header, so the caller can compare it with the URL's project id.
    public string? DsnProjectId { get; init; }

    internal static RequestCredentials Valid(string publicKey) => new(publicKey, CredentialProblem.None, null);

    internal static RequestCredentials Failed(CredentialProblem problem, string message) => new(null, problem, message);
}
