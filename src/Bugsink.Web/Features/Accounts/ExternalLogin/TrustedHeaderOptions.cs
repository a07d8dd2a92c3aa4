namespace Bugsink.Web.Features.Accounts.ExternalLogin;

// Bound from "Bugsink:Auth": sign-in by a header an authenticating proxy (oauth2-proxy, Authelia, an
// Authentik outpost, Pomerium) sets, believed only from a peer listed in BUGSINK_TRUSTED_PROXIES.
public sealed class TrustedHeaderOptions
{
    public const string Section = "Bugsink:Auth";

    // The header carrying the user's email address (e.g. "Remote-Email"); empty turns this off.
    public string TrustedHeader { get; set; } = "";

    // Optional header with the display name; kept for the record, Bugsink names users by email.
    public string TrustedNameHeader { get; set; } = "";

    public bool Enabled => !string.IsNullOrWhiteSpace(TrustedHeader);
}
