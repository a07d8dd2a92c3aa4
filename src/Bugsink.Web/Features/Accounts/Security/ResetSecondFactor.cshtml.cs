using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bugsink.Web.Features.Accounts.Security;

// Administrators turn off a user's authenticator (a lost phone, no recovery codes left): the user signs in
// with the password alone, or enrols again at the next login when RequireTwoFactor applies. The posting
// form is a button on the user list.
[Authorize(Policy = AdminRequirement.Policy)]
public sealed class ResetSecondFactorModel(UserManager<User> users, AuthenticatorEnrolment enrolment) : PageModel
{
    public IActionResult OnGet() => Redirect("/accounts/users/");

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) is not { } user)
        {
            return NotFound();
        }

        await enrolment.TurnOffAsync(user);
        TempData["Flash"] = $"The authenticator of {user.Email} is off; their sessions are ended.";
        return Redirect("/accounts/users/");
    }
}
