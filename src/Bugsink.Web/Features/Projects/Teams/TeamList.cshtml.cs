using System.ComponentModel.DataAnnotations;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Projects.Teams;

public sealed record TeamRow(long Id, string Name, int Members, int Projects, string Role);

public sealed class TeamListModel(AppDbContext db, ProjectAccess access, IOptions<AccountsOptions> options) : PageModel
{
    [BindProperty]
    [Required]
    [StringLength(200)]
    public string Name { get; set; } = "";

    public IReadOnlyList<TeamRow> Rows { get; private set; } = [];

    public bool CanCreate { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (!CanCreate)
        {
            return Forbid();
        }

        var name = Name.Trim();
        Errors = !ModelState.IsValid || name.Length == 0 ? ["Give the team a name (at most 200 characters)."]
            : await db.Teams.AnyAsync(t => t.Name == name, cancellationToken) ? ["There is a team with that name already."]
            : [];
        if (Errors.Count > 0)
        {
            return Page();
        }

        // The creator becomes the team's admin, so the team is never without someone to manage it.
        var team = new Team { Name = name };
        db.Teams.Add(team);
        await db.SaveChangesAsync(cancellationToken);
        if (ProjectAccess.UserIdOf(User) is { } userId)
        {
            db.TeamMemberships.Add(new TeamMembership { TeamId = team.Id, UserId = userId, Role = TeamRole.Admin });
            await db.SaveChangesAsync(cancellationToken);
        }

        TempData["Flash"] = $"Created the team {team.Name}.";
        return Redirect($"/teams/{team.Id}/");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var userId = ProjectAccess.UserIdOf(User);
        var isAdmin = await access.IsAdminAsync(User, cancellationToken);
        CanCreate = isAdmin || options.Value.AnyUserCreatesTeams;
        var rows = await access.Teams(User).AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new
            {
                t.Id,
                t.Name,
                Members = db.TeamMemberships.Count(m => m.TeamId == t.Id),
                Projects = db.Projects.Count(p => p.TeamId == t.Id && p.DeletedAt == null),
                Role = db.TeamMemberships.Where(m => m.TeamId == t.Id && m.UserId == userId).Select(m => (TeamRole?)m.Role).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        Rows = [.. rows.Select(r => new TeamRow(r.Id, r.Name, r.Members, r.Projects, TeamRoles.Describe(r.Role)))];
    }
}
