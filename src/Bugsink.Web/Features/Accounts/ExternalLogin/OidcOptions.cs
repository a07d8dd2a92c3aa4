namespace Bugsink.Web.Features.Accounts.ExternalLogin;

// Bound from "Bugsink:Oidc". OpenID Connect sign-in is on when Authority is set.
public sealed class OidcOptions
{
    public const string Section = "Bugsink:Oidc";

    // The authentication scheme's name; also the first segment of the callback paths' handler.
    public const string Scheme = "oidc";

    public const string CallbackPath = "/signin-oidc";

    public const string SignedOutCallbackPath = "/signout-callback-oidc";

    // The issuer URL; its /.well-known/openid-configuration is read for everything else.
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    // Space- or comma-separated.
    public string Scopes { get; set; } = "openid profile email";

    // The login page's button text.
    public string DisplayName { get; set; } = "Sign in with single sign-on";

    // Comma-separated domains ("example.com, example.org") whose addresses may sign in; empty allows any.
    // Also applies to the trusted-header login.
    public string AllowedEmailDomains { get; set; } = "";

    // Whether a first sign-in with an unknown (verified) address creates an account; false leaves it to
    // administrators and invitations. Also applies to the trusted-header login.
    public bool AutoCreateUsers { get; set; } = true;

    // "claim=value" (e.g. "groups=bugsink-admins"): holders are administrators, others are not; checked at
    // every sign-in. Empty leaves administrator rights to the users page.
    public string AdminClaim { get; set; } = "";

    // A claim whose values name teams the user joins as a member (teams that do not exist are ignored).
    public string TeamClaim { get; set; } = "";

    // False allows an http authority (a provider on loopback or a private network).
    public bool RequireHttpsMetadata { get; set; } = true;

    // For providers that send no email_verified claim but only hand out addresses they manage (an Entra ID
    // single tenant): their addresses count as verified. False by default: an unverified address never
    // links to an existing account nor creates one.
    public bool EmailsAreVerified { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public IReadOnlyList<string> ScopeList => Scopes.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);

    public bool AllowsEmail(string email)
    {
        var domains = AllowedEmailDomains.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var at = email.LastIndexOf('@');
        return domains.Length == 0 || (at > 0 && domains.Contains(email[(at + 1)..], StringComparer.OrdinalIgnoreCase));
    }

    // ("groups", "bugsink-admins") from "groups=bugsink-admins"; null when not set.
    public static (string Type, string Value)? ParseClaimRule(string rule)
    {
        var equals = rule.IndexOf('=', StringComparison.Ordinal);
        return equals <= 0 ? null : (rule[..equals].Trim(), rule[(equals + 1)..].Trim());
    }
}
