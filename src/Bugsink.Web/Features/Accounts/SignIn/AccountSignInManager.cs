using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Accounts.SignIn;

// Identity's sign-in manager, with one rule more for the session check every request makes
// (SecurityStampValidator): a locked account's session ends like a deleted one's, not only its next login.
public sealed class AccountSignInManager(
    UserManager<User> users,
    IHttpContextAccessor context,
    IUserClaimsPrincipalFactory<User> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<User>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<User> confirmation)
    : SignInManager<User>(users, context, claims, options, logger, schemes, confirmation)
{
    public override async Task<User?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is not null && await UserManager.IsLockedOutAsync(user) ? null : user;
    }
}
