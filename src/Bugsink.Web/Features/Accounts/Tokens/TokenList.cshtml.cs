using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Accounts.Tokens;

public sealed record TokenRow(long Id, string Name, string Prefix, bool IsInstallation, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

// The signed-in user's API tokens; administrators also see (and may revoke) installation tokens made by the CLI.
public sealed class TokenListModel(AppDbContext db, ApiTokenIssuer issuer, ProjectAccess access) : PageModel
{
    [BindProperty]
    public string Name { get; set; } = "";

    public IReadOnlyList<TokenRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = ProjectAccess.UserIdOf(User);
        var isAdmin = await access.IsAdminAsync(User, cancellationToken);
        var tokens = await db.ApiTokens.AsNoTracking()
            .Where(t => t.UserId == userId || (isAdmin && t.UserId == null))
            .OrderByDescending(t => t.Id)
            .ToListAsync(cancellationToken);
        Rows = [.. tokens.Select(t => new TokenRow(t.Id, t.Name, t.Prefix, t.UserId is null, t.CreatedAt, t.LastUsedAt, t.RevokedAt))];
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var issued = await issuer.CreateAsync(ProjectAccess.UserIdOf(User), Name, cancellationToken);
        TempData["SecretLabel"] = $"Your new token \"{issued.Token.Name}\". Copy it now: only its hash is kept, it cannot be shown again.";
        TempData["Secret"] = issued.Secret;
        return Redirect("/settings/tokens/");
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, bool installation, CancellationToken cancellationToken)
    {
        var owner = installation && await access.IsAdminAsync(User, cancellationToken) ? null : ProjectAccess.UserIdOf(User);
        if (!await issuer.RevokeAsync(id, owner, cancellationToken))
        {
            return NotFound();
        }

        TempData["Flash"] = "The token is revoked; requests with it are refused from now on.";
        return Redirect("/settings/tokens/");
    }
}
