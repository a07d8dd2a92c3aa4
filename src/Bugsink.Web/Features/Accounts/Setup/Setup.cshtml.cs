using System.ComponentModel.DataAnnotations;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Accounts.Setup;

// /setup/?token=…: the first administrator, from the link the server logs on an installation without
// users. Without a valid token, or once any user exists, the page does not exist (404).
[AllowAnonymous]
public sealed class SetupModel(FirstAdminSetup setup, AppDbContext db, UserCreator creator, SignInManager<User> signIn) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "token")]
    public string? Token { get; set; }

    [BindProperty]
    [Required]
    [EmailAddress]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await IsOpenAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await IsOpenAsync())
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            Errors = [.. ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)];
            return Page();
        }

        if (!setup.TryConsume(Token))
        {
            return NotFound();
        }

        var created = await creator.CreateAsync(Email, Password, isAdmin: true);
        if (!created.Succeeded)
        {
            // A new token for another try from this page (the logged link is used up).
            Errors = created.Errors;
            Token = setup.Issue();
            return Page();
        }

        await signIn.SignInAsync(created.User!, isPersistent: false);
        TempData["Flash"] = "You are the administrator. Create a project to get its DSN.";
        return Redirect("/projects/");
    }

    private async Task<bool> IsOpenAsync() => setup.IsValid(Token) && !await db.Users.AnyAsync(HttpContext.RequestAborted);
}
