using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bugsink.Web.Features.Accounts.Security.Passkeys;

// The signed-in person's passkeys: creation options for the browser (JSON, fetched by wwwroot/js/passkeys.js
// with the page's antiforgery token), then the new credential as an ordinary form post; renaming and removing
// are plain forms that need no script. Identity keeps the ceremony's state in its own short-lived cookie.
public sealed class ManagePasskeysModel(SignInManager<User> signIn) : PageModel
{
    public const string LastWayIn = "This passkey is the only way into your account (it has no password and no identity provider): "
        + "add another passkey first, or ask an administrator for a set-password link.";

    public string? Error { get; private set; }

    public IActionResult OnGet() => Redirect(SecurityModule.PageUrl);

    public async Task<IActionResult> OnPostOptionsAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return Unauthorized();
        }

        return Content(await signIn.MakePasskeyCreationOptionsAsync(PasskeyIds.EntityOf(user)), "application/json");
    }

    public async Task<IActionResult> OnPostAddAsync(string? credentialJson, string? name)
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (string.IsNullOrWhiteSpace(credentialJson))
        {
            return Refused("The browser sent no passkey. Adding a passkey needs JavaScript and a browser that supports passkeys.");
        }

        PasskeyAttestationResult attestation;
        try
        {
            attestation = await signIn.PerformPasskeyAttestationAsync(credentialJson);
        }
        catch (InvalidOperationException)
        {
            // Identity throws when no registration was started in this browser (no options step first).
            return Refused("No passkey registration was started here; try adding the passkey again.");
        }

        // The ceremony's state names the account it was started for: a state from another session does not apply.
        if (!attestation.Succeeded || attestation.UserEntity.Id != PasskeyIds.EntityOf(user).Id)
        {
            return Refused("The passkey was not accepted; try again.");
        }

        var passkey = attestation.Passkey;
        passkey.Name = PasskeyIds.CleanName(name) ?? "Passkey";
        var stored = await signIn.UserManager.AddOrUpdatePasskeyAsync(user, passkey);
        if (!stored.Succeeded)
        {
            return Refused("The passkey could not be saved: " + string.Join(" ", stored.Errors.Select(e => e.Description)));
        }

        TempData["Flash"] = $"Added the passkey \"{passkey.Name}\". You can now log in with it instead of your password.";
        return Redirect(SecurityModule.PageUrl);
    }

    public async Task<IActionResult> OnPostRenameAsync(string? id, string? name)
    {
        if (await FindAsync(id) is not { } found)
        {
            return NotFound();
        }

        found.Passkey.Name = PasskeyIds.CleanName(name) ?? "Passkey";
        await signIn.UserManager.AddOrUpdatePasskeyAsync(found.User, found.Passkey);
        TempData["Flash"] = $"Renamed the passkey to \"{found.Passkey.Name}\".";
        return Redirect(SecurityModule.PageUrl);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? id)
    {
        if (await FindAsync(id) is not { } found)
        {
            return NotFound();
        }

        if (await IsLastWayInAsync(found.User))
        {
            return Refused(LastWayIn, StatusCodes.Status409Conflict);
        }

        await signIn.UserManager.RemovePasskeyAsync(found.User, found.Passkey.CredentialId);
        TempData["Flash"] = $"Removed the passkey \"{found.Passkey.Name}\": it no longer logs you in.";
        return Redirect(SecurityModule.PageUrl);
    }

    // Only the signed-in person's own passkeys: an id of someone else's is simply not found.
    private async Task<(User User, UserPasskeyInfo Passkey)?> FindAsync(string? id)
    {
        if (PasskeyIds.Decode(id) is not { } credentialId || await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return null;
        }

        return await signIn.UserManager.GetPasskeyAsync(user, credentialId) is { } passkey ? (user, passkey) : null;
    }

    // Removing the one passkey of an account without a password or a linked provider would lock its owner out.
    private async Task<bool> IsLastWayInAsync(User user) =>
        user.PasswordHash is null
        && (await signIn.UserManager.GetLoginsAsync(user)).Count == 0
        && (await signIn.UserManager.GetPasskeysAsync(user)).Count <= 1;

    private PageResult Refused(string message, int status = StatusCodes.Status400BadRequest)
    {
        Error = message;
        Response.StatusCode = status;
        return Page();
    }
}
