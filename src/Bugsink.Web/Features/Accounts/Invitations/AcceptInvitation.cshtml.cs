using System.ComponentModel.DataAnnotations;
using Bugsink.Web.Features.Accounts.SignIn;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Accounts.Invitations;

// The invitation link. A signed-in user joins with one click; someone without an account creates one
// here (unless registration is closed to "nobody"); an existing account is asked to log in first.
// The link itself is the secret, so whoever holds it may accept it.
[AllowAnonymous]
[EnableRateLimiting(SignInThrottle.Policy)]
public sealed class AcceptInvitationModel(
    InvitationIssuer issuer, AppDbContext db, UserManager<User> users, UserCreator creator, SignInManager<User> signIn, IOptions<AccountsOptions> options)
    : PageModel
{
    [BindProperty]
    [Required]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty]
    [DataType(DataType.Password)]
    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    public string ConfirmPassword { get; set; } = "";

    public Invitation? Invitation { get; private set; }

    public string TeamName { get; private set; } = "";

    public bool HasAccount { get; private set; }

    public bool MayRegister => options.Value.Registration != RegistrationPolicy.Nobody;

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string secret, CancellationToken cancellationToken) =>
        await LoadAsync(secret, cancellationToken) ? Page() : Invalid();

    public async Task<IActionResult> OnPostJoinAsync(string secret, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(secret, cancellationToken) || ProjectAccess.UserIdOf(User) is not { } userId)
        {
            return Invalid();
        }

        if (!await issuer.AcceptAsync(Invitation!, () => Task.FromResult<long?>(userId), cancellationToken))
        {
            return Invalid();
        }

        TempData["Flash"] = $"You joined the team {TeamName}.";
        return Redirect($"/teams/{Invitation!.TeamId}/");
    }

    public async Task<IActionResult> OnPostRegisterAsync(string secret, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(secret, cancellationToken) || HasAccount || !MayRegister || User.Identity?.IsAuthenticated == true)
        {
            return Invalid();
        }

        if (!ModelState.IsValid)
        {
            Errors = [.. ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)];
            return Page();
        }

        UserCreation? created = null;
        var accepted = await issuer.AcceptAsync(Invitation!, async () =>
        {
            created = await creator.CreateAsync(Invitation!.Email, Password, isAdmin: false);
            return created.User?.Id;
        }, cancellationToken);
        if (created is { Succeeded: false })
        {
            Errors = created.Errors;
            return Page();
        }

        if (!accepted || created is null)
        {
            return Invalid();
        }

        await signIn.SignInAsync(created.User!, isPersistent: false);
        TempData["Flash"] = $"Welcome! You joined the team {TeamName}.";
        return Redirect($"/teams/{Invitation!.TeamId}/");
    }

    private async Task<bool> LoadAsync(string secret, CancellationToken cancellationToken)
    {
        Invitation = await issuer.FindOpenAsync(secret, cancellationToken);
        if (Invitation is null)
        {
            return false;
        }

        TeamName = await db.Teams.Where(t => t.Id == Invitation.TeamId).Select(t => t.Name).FirstAsync(cancellationToken);
        HasAccount = await users.FindByEmailAsync(Invitation.Email) is not null;
        return true;
    }

    private PageResult Invalid()
    {
        Invitation = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
