using System.Globalization;
using System.Security.Claims;
using Bugsink.Web.Features.Issues;
using Bugsink.Web.Features.Projects;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Accounts;

// The one answer to "what may this signed-in user or API token see and manage". Every page and API
// lookup of a team, project, issue, event or attachment starts from these queries, so an id from
// another team simply finds nothing and the caller answers 404, as for an id that does not exist.
//
// Rights are read from the database on every request (not from cookie claims), so removing someone
// from a team or taking away admin rights takes effect at once.
public sealed class ProjectAccess(AppDbContext db)
{
    // Set on the principal of an installation-wide API token (ApiToken.UserId null): admin rights.
    public const string InstallationClaim = "bugsink:installation";

    public static long? UserIdOf(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true
        && long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    public async Task<bool> IsAdminAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (IsInstallation(principal))
        {
            return true;
        }

        var userId = UserIdOf(principal);
        return userId is not null && await db.Users.AnyAsync(u => u.Id == userId && u.IsAdmin, cancellationToken);
    }

    // Teams the principal belongs to; administrators see all of them.
    public IQueryable<Team> Teams(ClaimsPrincipal principal)
    {
        if (IsInstallation(principal))
        {
            return db.Teams;
        }

        if (UserIdOf(principal) is not { } userId)
        {
            return db.Teams.Where(t => false);
        }

        return db.Teams.Where(t =>
            db.Users.Any(u => u.Id == userId && u.IsAdmin)
            || db.TeamMemberships.Any(m => m.UserId == userId && m.TeamId == t.Id));
    }

    // Projects (not deleted) of the principal's teams; administrators see all of them.
    public IQueryable<Project> Projects(ClaimsPrincipal principal)
    {
        var live = db.Projects.Where(p => p.DeletedAt == null);
        if (IsInstallation(principal))
        {
            return live;
        }

        if (UserIdOf(principal) is not { } userId)
        {
            return live.Where(p => false);
        }

        return live.Where(p =>
            db.Users.Any(u => u.Id == userId && u.IsAdmin)
            || db.TeamMemberships.Any(m => m.UserId == userId && m.TeamId == p.TeamId));
    }

    public IQueryable<long> ProjectIds(ClaimsPrincipal principal) => Projects(principal).Select(p => p.Id);

    public IQueryable<Issue> Issues(ClaimsPrincipal principal)
    {
        var projectIds = ProjectIds(principal);
        return db.Issues.Where(i => !i.IsDeleted && projectIds.Contains(i.ProjectId));
    }

    // Events of visible, not deleted issues.
    public IQueryable<StoredEvent> Events(ClaimsPrincipal principal)
    {
        var issueIds = Issues(principal).Select(i => i.Id);
        return db.Events.Where(e => issueIds.Contains(e.IssueId));
    }

    public IQueryable<EventAttachment> Attachments(ClaimsPrincipal principal)
    {
        var projectIds = ProjectIds(principal);
        return db.EventAttachments.Where(a => projectIds.Contains(a.ProjectId));
    }

    // Team admins manage their team: its name, members, invitations, projects and project settings.
    public async Task<bool> CanManageTeamAsync(ClaimsPrincipal principal, long teamId, CancellationToken cancellationToken)
    {
        if (await IsAdminAsync(principal, cancellationToken))
        {
            return true;
        }

        var userId = UserIdOf(principal);
        return userId is not null && await db.TeamMemberships.AnyAsync(
            m => m.UserId == userId && m.TeamId == teamId && m.Role == TeamRole.Admin, cancellationToken);
    }

    public async Task<bool> CanManageProjectAsync(ClaimsPrincipal principal, long projectId, CancellationToken cancellationToken)
    {
        var teamId = await Projects(principal).Where(p => p.Id == projectId).Select(p => (long?)p.TeamId).FirstOrDefaultAsync(cancellationToken);
        return teamId is not null && await CanManageTeamAsync(principal, teamId.Value, cancellationToken);
    }

    private static bool IsInstallation(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && principal.HasClaim(InstallationClaim, "true");

    // For showing who an issue is assigned to (the API names people by email).
    public Task<string?> EmailOfUserAsync(long userId, CancellationToken ct) => db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
}
