using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Accounts.Tokens;
using Bugsink.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Api;

// `Authorization: Bearer TOKEN` for the JSON API. The principal carries the token's user id, or the
// installation claim for a token without a user; what it may see is then ProjectAccess's business,
// exactly as for a signed-in page user. Cookies are never accepted here, so the API needs no antiforgery.
public sealed class ApiTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    public const string TokenIdClaim = "bugsink:token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.From(Request) is not { } secret)
        {
            return AuthenticateResult.NoResult();
        }

        var issuer = Context.RequestServices.GetRequiredService<ApiTokenIssuer>();
        var token = await issuer.FindActiveAsync(secret, Context.RequestAborted);
        if (token is null)
        {
            return AuthenticateResult.Fail("The token is unknown or revoked.");
        }

        List<Claim> claims = [new(TokenIdClaim, token.Id.ToString(CultureInfo.InvariantCulture))];
        claims.Add(token.UserId is { } userId
            ? new Claim(ClaimTypes.NameIdentifier, userId.ToString(CultureInfo.InvariantCulture))
            : new Claim(ProjectAccess.InstallationClaim, "true"));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Response.WriteAsJsonAsync(new ApiError("Send a valid API token: Authorization: Bearer TOKEN."));
    }
}
