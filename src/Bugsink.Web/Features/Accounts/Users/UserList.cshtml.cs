using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Bugsink.Web.Features.Accounts.Passwords;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Accounts.Users;

public sealed record UserRow(long Id, string Email, bool IsAdmin, bool IsLocked, bool HasPassword, int TeamCount, DateTimeOffset CreatedAt)
{
    // How the person signs in (issue 24 item 6).
    public SignInMethods SignIn { get; init; } = new(false, null, 0, 0, false);
}

// ProviderName is the first linked provider's display name (null when ProviderCount is 0 or it has none).
public sealed record SignInMethods(bool Password, string? ProviderName, int ProviderCount, int PasskeyCount, bool SecondFactor);

// Administrators only (the Admin policy on this folder, PagesSetup): every account, creating accounts,
// set-password links, admin rights, unlocking and deleting.
public sealed class UserListModel(AppDbContext db, UserManager<User> users, UserCreator creator, PasswordLinks links, AccountMail mail, TimeProvider time)
    : PageModel
{
    [BindProperty]
    [Required]
    [EmailAddress]
    public string Email { get; set; } = "";

    // Optional: without one, the new user sets it through a link.
    [BindProperty]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [BindProperty]
    public bool MakeAdmin { get; set; }

    public IReadOnlyList<UserRow> Rows { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public long CurrentUserId => ProjectAccess.UserIdOf(User) ?? 0;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var created = ModelState.IsValid
            ? await creator.CreateAsync(Email, string.IsNullOrEmpty(Password) ? null : Password, MakeAdmin)
            : new UserCreation(null, [.. ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)]);
        if (!created.Succeeded)
        {
            Errors = created.Errors;
            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData["Flash"] = $"Created the account {created.User!.Email}.";
        if (string.IsNullOrEmpty(Password))
        {
            await OfferPasswordLinkAsync(created.User, cancellationToken);
        }

        return Redirect("/accounts/users/");
    }

    public async Task<IActionResult> OnPostLinkAsync(long id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id) is not { } user)
        {
            return NotFound();
        }

        await OfferPasswordLinkAsync(user, cancellationToken);
        return Redirect("/accounts/users/");
    }

    public async Task<IActionResult> OnPostAdminAsync(long id, bool makeAdmin)
    {
        // Nobody removes their own admin rights here, so an installation always keeps the admin who is looking.
        if (id == CurrentUserId || await FindAsync(id) is not { } user)
        {
            return NotFound();
        }

        user.IsAdmin = makeAdmin;
        await users.UpdateAsync(user);
        TempData["Flash"] = makeAdmin ? $"{user.Email} is now an administrator." : $"{user.Email} is no longer an administrator.";
        return Redirect("/accounts/users/");
    }

    public async Task<IActionResult> OnPostUnlockAsync(long id)
    {
        if (await FindAsync(id) is not { } user)
        {
            return NotFound();
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        TempData["Flash"] = $"{user.Email} can log in again.";
        return Redirect("/accounts/users/");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        if (id == CurrentUserId || await FindAsync(id) is not { } user)
        {
            return NotFound();
        }

        // Their tokens would otherwise keep authenticating (seeing nothing, but still).
        var now = time.GetUtcNow();
        await db.ApiTokens.Where(t => t.UserId == id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        // Their issues go back to nobody, with history, in one transaction with the deletion (issue 25).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await Issues.Assignment.AccountDeletions.UnassignAllAsync(db, id, Issues.Pages.IssueText.ActorOf(User), now, cancellationToken);
        if ((await users.DeleteAsync(user)).Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        TempData["Flash"] = $"Deleted the account {user.Email}.";
        return Redirect("/accounts/users/");
    }

    private Task<User?> FindAsync(long id) => users.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture));

    // The link is always shown to the admin (once): email may be missing, slow or filtered.
    private async Task OfferPasswordLinkAsync(User user, CancellationToken cancellationToken)
    {
        var link = await links.CreateAsync(user);
        var sent = await mail.SendPasswordLinkAsync(user.Email!, link, cancellationToken);
        TempData["SecretLabel"] = sent
            ? $"Set-password link for {user.Email} (also sent by email):"
            : $"Set-password link for {user.Email}; pass it on, it works once:";
        TempData["Secret"] = link;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await db.Users.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.IsAdmin,
                u.LockoutEnd,
                HasPassword = u.PasswordHash != null,
                Teams = db.TeamMemberships.Count(m => m.UserId == u.Id),
                u.CreatedAt,
                // Subqueries of the one statement, not a query per user.
                Providers = db.UserLogins.Count(l => l.UserId == u.Id),
                ProviderName = db.UserLogins.Where(l => l.UserId == u.Id).OrderBy(l => l.LoginProvider).Select(l => l.ProviderDisplayName).FirstOrDefault(),
                Passkeys = db.UserPasskeys.Count(p => p.UserId == u.Id),
                u.TwoFactorEnabled,
            })
            .ToListAsync(cancellationToken);
        Rows = [.. rows.Select(u => new UserRow(u.Id, u.Email ?? "", u.IsAdmin, u.LockoutEnd > now, u.HasPassword, u.Teams, u.CreatedAt)
        {
            SignIn = new SignInMethods(u.HasPassword, u.ProviderName, u.Providers, u.Passkeys, u.TwoFactorEnabled),
        })];
    }
}
