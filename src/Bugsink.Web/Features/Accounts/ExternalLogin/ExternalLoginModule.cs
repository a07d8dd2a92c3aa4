using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Bugsink.Web.Features.Accounts.ExternalLogin;

// OpenID Connect (ASP.NET Core's handler: code flow, PKCE, discovery, state and nonce checks) and the
// trusted-header login. Both end in Identity's own session cookie, so everything after sign-in (the session
// check, logout everywhere, lockout) is the same as for a password.
public static class ExternalLoginModule
{
    public static IServiceCollection AddExternalLogin(this IServiceCollection services, IConfiguration configuration, SiteOptions site)
    {
        services.AddOptions<OidcOptions>().Bind(configuration.GetSection(OidcOptions.Section));
        services.AddOptions<TrustedHeaderOptions>().Bind(configuration.GetSection(TrustedHeaderOptions.Section));
        services.AddScoped<ExternalAccounts>();
        services.AddSingleton<TrustedHeaderLogin>();

        var oidc = new OidcOptions();
        configuration.GetSection(OidcOptions.Section).Bind(oidc);
        if (!oidc.Enabled)
        {
            return services;
        }

        services.AddAuthentication().AddOpenIdConnect(OidcOptions.Scheme, oidc.DisplayName, options =>
        {
            options.Authority = oidc.Authority;
            options.ClientId = oidc.ClientId;
            options.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
            options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            // A GET back to us instead of the default form POST from the provider's site: the correlation and
            // nonce cookies can then be SameSite=Lax, which browsers also send over a plain-http base URL
            // (SameSite=None needs Secure, so needs https).
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.CallbackPath = OidcOptions.CallbackPath;
            options.SignedOutCallbackPath = OidcOptions.SignedOutCallbackPath;
            options.SignInScheme = IdentityConstants.ApplicationScheme;
            options.SignOutScheme = IdentityConstants.ApplicationScheme;
            options.GetClaimsFromUserInfoEndpoint = true;
            options.SaveTokens = true;
            // Claims under the provider's names ("sub", "email", "groups"), not WS-Federation URIs.
            options.MapInboundClaims = false;
            options.Scope.Clear();
            foreach (var scope in oidc.ScopeList)
            {
                options.Scope.Add(scope);
            }

            // From the userinfo endpoint (the ID token's claims are taken whole): arrays become one claim per element.
            options.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
            foreach (var rule in new[] { OidcOptions.ParseClaimRule(oidc.AdminClaim)?.Type, oidc.TeamClaim.Trim() })
            {
                if (!string.IsNullOrEmpty(rule))
                {
                    options.ClaimActions.MapJsonKey(rule, rule);
                }
            }

            foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.Lax;
                cookie.SecurePolicy = HttpsSetup.IsHttps(site) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            }

            options.EventsType = typeof(OidcEvents);
        });
        services.AddScoped<OidcEvents>();
        return services;
    }
}
