using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bugsink.Web.Features.Accounts.SignIn;

// Logging out is a POST (with antiforgery) so that no link or image on another site can do it.
// It ends every session of the account, on every device: the cookie carries no server-side session to
// end alone, and a copy of it (taken from a shared machine, a proxy's log) must stop working now.
public sealed class LogoutModel(SignInManager<User> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        TempData["Flash"] = "You are logged out.";
        return Redirect(AccountsModule.LoginPath);
    }
}
