using System.ComponentModel.DataAnnotations;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Projects.Teams;

public sealed record TeamProject(long Id, string Name);

public sealed record TeamMember(long UserId, string Email, TeamRole Role);

public sealed class TeamDetailModel(AppDbContext db, ProjectAccess access) : PageModel
{
    [BindProperty]
    [Required]
    [StringLength(200)]
    public string Name { get; set; } = "";

    public Team Team { get; private set; } = null!;

    public bool CanManage { get; private set; }

    public bool IsMember { get; private set; }

    public IReadOnlyList<TeamProject> Projects { get; private set; } = [];

    public IReadOnlyList<TeamMember> Members { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Name = Team.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync(long id, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        var name = Name.Trim();
        Errors = !ModelState.IsValid || name.Length == 0 ? ["Give the team a name (at most 200 characters)."]
            : await db.Teams.AnyAsync(t => t.Name == name && t.Id != id, cancellationToken) ? ["There is a team with that name already."]
            : [];
        if (Errors.Count > 0)
        {
            return Page();
        }

        await db.Teams.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Name, name), cancellationToken);
        TempData["Flash"] = $"The team is now called {name}.";
        return Redirect($"/teams/{id}/");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        // Deleted projects still being cleaned up count too: the team row anchors their remaining data.
        if (await db.Projects.AnyAsync(p => p.TeamId == id, cancellationToken))
        {
            Errors = ["Only a team without projects can be deleted. Delete its projects first (and give their removal a moment)."];
            return Page();
        }

        await db.Invitations.Where(i => i.TeamId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Teams.Where(t => t.Id == id).ExecuteDeleteAsync(cancellationToken);
        TempData["Flash"] = $"Deleted the team {Team.Name}.";
        return Redirect("/teams/");
    }

    public async Task<IActionResult> OnPostLeaveAsync(long id, CancellationToken cancellationToken)
    {
        var userId = ProjectAccess.UserIdOf(User);
        if (userId is null || !await Issues.Assignment.TeamDepartures.RemoveAsync(db, id, userId.Value, Issues.Pages.IssueText.ActorOf(User), DateTimeOffset.UtcNow, cancellationToken))
        {
            return NotFound();
        }

        TempData["Flash"] = "You left the team.";
        return Redirect("/teams/");
    }

    private async Task<IActionResult?> ManagedAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        return CanManage ? null : Forbid();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var team = await access.Teams(User).AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null)
        {
            return false;
        }

        Team = team;
        var userId = ProjectAccess.UserIdOf(User);
        CanManage = await access.CanManageTeamAsync(User, id, cancellationToken);
        Projects = await db.Projects.AsNoTracking().Where(p => p.TeamId == id && p.DeletedAt == null).OrderBy(p => p.Name)
            .Select(p => new TeamProject(p.Id, p.Name)).ToListAsync(cancellationToken);
        Members = await db.TeamMemberships.AsNoTracking().Where(m => m.TeamId == id).OrderBy(m => m.User!.Email)
            .Select(m => new TeamMember(m.UserId, m.User!.Email ?? "", m.Role)).ToListAsync(cancellationToken);
        IsMember = Members.Any(m => m.UserId == userId);
        return true;
    }
}
