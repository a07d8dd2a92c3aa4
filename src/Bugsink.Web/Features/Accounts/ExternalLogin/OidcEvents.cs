using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Accounts.ExternalLogin;

// The application's part of the OpenID Connect flow: callback URLs from BUGSINK_BASE_URL (not from the
// request's Host, which a client chooses), the account behind the provider's identity, and a 4xx page
// instead of an exception for every callback that fails (forged, replayed, expired, refused by the provider).
public sealed partial class OidcEvents(
    ExternalAccounts accounts, SignInManager<User> signIn, IOptions<SiteOptions> site, IOptions<OidcOptions> oidc, ILogger<OidcEvents> log)
    : OpenIdConnectEvents
{
    public const string IdTokenHint = "id_token_hint";

    public override Task RedirectToIdentityProvider(RedirectContext context)
    {
        context.ProtocolMessage.RedirectUri = PublicUrl.For(site.Value, OidcOptions.CallbackPath);
        return Task.CompletedTask;
    }

    public override Task RedirectToIdentityProviderForSignOut(RedirectContext context)
    {
        context.ProtocolMessage.PostLogoutRedirectUri = PublicUrl.For(site.Value, OidcOptions.SignedOutCallbackPath);
        // The logout page read it before ending the local session; providers want it (or the client id) to
        // accept the post-logout redirect.
        context.ProtocolMessage.IdTokenHint = context.Properties.GetParameter<string>(IdTokenHint);
        context.ProtocolMessage.ClientId = oidc.Value.ClientId;
        return Task.CompletedTask;
    }

    public override async Task TicketReceived(TicketReceivedContext context)
    {
        var match = await accounts.MatchProviderUserAsync(context.Principal!, context.HttpContext.RequestAborted);
        if (match.User is not { } user)
        {
            LogRefused(match.Refusal);
            context.Response.Redirect(context.Request.PathBase + SignInFailedModel.PathFor(match.Refusal));
            context.HandleResponse();
            return;
        }

        // The handler signs this principal into Identity's session cookie, with the ID token kept for logout
        // (and nothing else of the provider's tokens: the cookie stays small).
        context.Principal = await signIn.CreateUserPrincipalAsync(user);
        var properties = context.Properties!;
        var idToken = properties.GetTokenValue("id_token");
        properties.StoreTokens(idToken is null ? [] : [new AuthenticationToken { Name = "id_token", Value = idToken }]);
        properties.IsPersistent = false;
    }

    public override Task RemoteFailure(RemoteFailureContext context)
    {
        LogFailed(context.Failure?.Message);
        context.Response.Redirect(context.Request.PathBase + SignInFailedModel.PathFor(ExternalRefusal.CallbackFailed));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OpenID sign-in refused: {Refusal}")]
    private partial void LogRefused(ExternalRefusal refusal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID sign-in failed: {Reason}")]
    private partial void LogFailed(string? reason);
}
