using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Bugsink.Web.Features.Accounts.Security;

// What follows a right password (called by the login page): the code prompt when the account has an
// authenticator, enrolment when Bugsink:Accounts:RequireTwoFactor demands one it lacks, else nothing.
// Until that step is done the browser holds only Identity's "passed the password" cookie
// (TwoFactorUserIdScheme), never a session: nobody reaches a page without the second factor.
public static class SecondFactorStep
{
    public const string CodeUrl = "/accounts/login/code/";

    public const string EnrolUrl = "/accounts/security/authenticator/";

    // Null: the sign-in is complete.
    public static async Task<string?> NextAsync(HttpContext context, SignInManager<User> signIn, User user, Microsoft.AspNetCore.Identity.SignInResult result,
        TwoFactorRequirement requirement, bool rememberMe, string? returnUrl)
    {
        var query = new Dictionary<string, string?> { ["ReturnUrl"] = returnUrl, ["RememberMe"] = rememberMe ? "true" : "false" };
        if (result.RequiresTwoFactor)
        {
            return QueryHelpers.AddQueryString(CodeUrl, query);
        }

        if (!result.Succeeded || user.TwoFactorEnabled || !requirement.Applies(user))
        {
            return null;
        }

        // Undo the session just made and hold the user at the password step, as Identity does for a code.
        await signIn.SignOutAsync();
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
        query["required"] = "true";
        return QueryHelpers.AddQueryString(EnrolUrl, query);
    }
}
