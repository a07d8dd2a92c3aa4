using System.ComponentModel.DataAnnotations;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Accounts.Invitations;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Projects.Teams;

public sealed record PendingInvitation(long Id, string Email, TeamRole Role, DateTimeOffset ExpiresAt);

// Team admins (and administrators): invitations by email or copyable link, roles, removing members.
public sealed class TeamMembersModel(AppDbContext db, ProjectAccess access, InvitationIssuer invitations, AccountMail mail, IOptions<SiteOptions> site, TimeProvider time)
    : PageModel
{
    [BindProperty]
    [Required]
    [EmailAddress]
    public string Email { get; set; } = "";

    [BindProperty]
    public TeamRole Role { get; set; } = TeamRole.Member;

    public Team Team { get; private set; } = null!;

    public IReadOnlyList<TeamMember> Members { get; private set; } = [];

    public IReadOnlyList<PendingInvitation> Invitations { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostInviteAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (!ModelState.IsValid || !Enum.IsDefined(Role))
        {
            Errors = ["Enter the email address to invite."];
            return Page();
        }

        var issued = await invitations.CreateAsync(id, Email, Role, ProjectAccess.UserIdOf(User), cancellationToken);
        var link = $"{site.Value.BaseUrl.TrimEnd('/')}/accounts/invitations/{issued.Secret}/";
        var sent = await mail.SendInvitationAsync(issued.Invitation.Email, Team.Name, link, cancellationToken);
        TempData["SecretLabel"] = sent
            ? $"Invitation sent to {issued.Invitation.Email}. The link, should it not arrive:"
            : $"Invitation link for {issued.Invitation.Email}; this server sends no email, so pass it on yourself:";
        TempData["Secret"] = link;
        return Redirect($"/teams/{id}/members/");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(long id, long invitationId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        await db.Invitations.Where(i => i.Id == invitationId && i.TeamId == id && i.AcceptedAt == null).ExecuteDeleteAsync(cancellationToken);
        TempData["Flash"] = "The invitation is withdrawn; its link no longer works.";
        return Redirect($"/teams/{id}/members/");
    }

    public async Task<IActionResult> OnPostRoleAsync(long id, long userId, TeamRole role, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        var changed = Enum.IsDefined(role) && await db.TeamMemberships.Where(m => m.TeamId == id && m.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, role), cancellationToken) == 1;
        if (!changed)
        {
            return NotFound();
        }

        TempData["Flash"] = "Role changed.";
        return Redirect($"/teams/{id}/members/");
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id, long userId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (!await Issues.Assignment.TeamDepartures.RemoveAsync(db, id, userId, Issues.Pages.IssueText.ActorOf(User), time.GetUtcNow(), cancellationToken))
        {
            return NotFound();
        }

        TempData["Flash"] = "Removed from the team.";
        return Redirect($"/teams/{id}/members/");
    }

    // Null when the team is visible and manageable (and loaded); else 404 or "not allowed".
    private async Task<IActionResult?> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var team = await access.Teams(User).AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null)
        {
            return NotFound();
        }

        if (!await access.CanManageTeamAsync(User, id, cancellationToken))
        {
            return Forbid();
        }

        Team = team;
        Members = await db.TeamMemberships.AsNoTracking().Where(m => m.TeamId == id).OrderBy(m => m.User!.Email)
            .Select(m => new TeamMember(m.UserId, m.User!.Email ?? "", m.Role)).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        Invitations = await db.Invitations.AsNoTracking().Where(i => i.TeamId == id && i.AcceptedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.Email).Select(i => new PendingInvitation(i.Id, i.Email, i.Role, i.ExpiresAt)).ToListAsync(cancellationToken);
        return null;
    }
}
