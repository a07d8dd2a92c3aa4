using System.ComponentModel.DataAnnotations;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Projects;

public sealed record ProjectRow(long Id, string Name, string TeamName, bool IsEnabled, long OpenIssues, string LastEvent);

public sealed record TeamChoice(long Id, string Name);

public sealed class ProjectListModel(AppDbContext db, ProjectAccess access, ProjectCreator creator, TimeProvider time) : PageModel
{
    [BindProperty]
    [Required]
    [StringLength(200)]
    public string Name { get; set; } = "";

    [BindProperty]
    public long TeamId { get; set; }

    public IReadOnlyList<ProjectRow> Rows { get; private set; } = [];

    // Teams where this user may create a project: the ones they manage.
    public IReadOnlyList<TeamChoice> Teams { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // A team the user cannot see answers like one that does not exist.
        if (!await access.Teams(User).AnyAsync(t => t.Id == TeamId, cancellationToken))
        {
            return NotFound();
        }

        if (!await access.CanManageTeamAsync(User, TeamId, cancellationToken))
        {
            return Forbid();
        }

        if (!ModelState.IsValid || string.IsNullOrWhiteSpace(Name))
        {
            Errors = ["Give the project a name (at most 200 characters)."];
            await LoadAsync(cancellationToken);
            return Page();
        }

        var project = await creator.CreateInTeamAsync(TeamId, Name, cancellationToken);
        TempData["Flash"] = $"Created the project {project.Name}. Point an SDK at its DSN below.";
        return Redirect($"/projects/{project.Id}/");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await access.Projects(User).AsNoTracking()
            .OrderBy(p => p.Name)
            .Select(p => new
            {
                p.Id,
                p.Name,
                TeamName = p.Team!.Name,
                p.IsEnabled,
                OpenIssues = db.Issues.LongCount(i => i.ProjectId == p.Id && !i.IsDeleted && !i.IsResolved && !i.IsMuted),
                LastSeen = db.Issues.Where(i => i.ProjectId == p.Id && !i.IsDeleted).Max(i => (DateTimeOffset?)i.LastSeen),
            })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        Rows = [.. rows.Select(r => new ProjectRow(r.Id, r.Name, r.TeamName, r.IsEnabled, r.OpenIssues, TimeAgo.Describe(r.LastSeen, now)))];
        var userId = ProjectAccess.UserIdOf(User);
        var isAdmin = await access.IsAdminAsync(User, cancellationToken);
        Teams = await access.Teams(User).AsNoTracking()
            .Where(t => isAdmin || db.TeamMemberships.Any(m => m.TeamId == t.Id && m.UserId == userId && m.Role == TeamRole.Admin))
            .OrderBy(t => t.Name)
            .Select(t => new TeamChoice(t.Id, t.Name))
            .ToListAsync(cancellationToken);
    }
}
