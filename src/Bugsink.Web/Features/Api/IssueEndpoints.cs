using System.Security.Claims;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Issues;
using Bugsink.Web.Features.Issues.Pages;
using Bugsink.Web.Features.Issues.Pages.TextSearch;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Api;

public static class IssueEndpoints
{
    public static RouteGroupBuilder MapIssueEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("issues/", ListAsync)
            .WithSummary("Issues, most recently seen first. state: open (default), resolved, muted or all; query: the issue list's search syntax (free text, key:value tags, is:, assigned:me / none / EMAIL).");
        api.MapGet("issues/{id:long}/", GetAsync).WithSummary("One issue.");
        return api;
    }

    private static async Task<Results<Ok<ApiList<ApiIssue>>, BadRequest<ApiError>, NotFound<ApiError>>> ListAsync(
        HttpRequest request,
        ClaimsPrincipal user,
        ProjectAccess access,
        AppDbContext db,
        IIssueTextMatch text,
        long? project,
        string? state,
        string? query,
        string? cursor,
        int? limit,
        CancellationToken cancellationToken)
    {
        if (!ApiCursor.TryParse(cursor, out var after))
        {
            return ApiResults.BadRequest("Malformed cursor.");
        }

        var issues = access.Issues(user).AsNoTracking();
        if (project is { } projectId)
        {
            if (!await access.Projects(user).AnyAsync(p => p.Id == projectId, cancellationToken))
            {
                return ApiResults.NotFound("project");
            }

            issues = issues.Where(i => i.ProjectId == projectId);
        }

        switch (state ?? "open")
        {
            case "open": issues = issues.Where(i => !i.IsResolved && !i.IsMuted); break;
            case "resolved": issues = issues.Where(i => i.IsResolved); break;
            case "muted": issues = issues.Where(i => i.IsMuted && !i.IsResolved); break;
            case "all": break;
            default: return ApiResults.BadRequest("state must be open, resolved, muted or all.");
        }

        // The pages' search syntax (issue 25): free text, key:value tags, is:, assigned:me / EMAIL / none.
        if (!string.IsNullOrWhiteSpace(query))
        {
            issues = await IssueListQuery.FilterAsync(db, text, issues, IssueTab.All, IssueSearch.Parse(query), cancellationToken, ProjectAccess.UserIdOf(user));
        }

        if (after is { } position)
        {
            var lastSeen = DateTimeOffset.FromUnixTimeMilliseconds(position.Key);
            issues = issues.Where(i => i.LastSeen < lastSeen || (i.LastSeen == lastSeen && i.Id < position.Id));
        }

        var take = ApiCursor.Limit(limit);
        var rows = await issues
            .Join(db.Projects, i => i.ProjectId, p => p.Id, (i, p) => new { Issue = i, p.Slug })
            .OrderByDescending(x => x.Issue.LastSeen).ThenByDescending(x => x.Issue.Id)
            .Take(take + 1).Select(x => new IssueRow(x.Issue, x.Slug, db.Users.Where(u => u.Id == x.Issue.AssigneeUserId).Select(u => u.Email).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(ApiCursor.Page(
            request, rows, take, r => new ApiCursor(r.Issue.LastSeen.ToUnixTimeMilliseconds(), r.Issue.Id), r => ApiIssue.From(r.Issue, r.Slug, r.Assignee)));
    }

    private static async Task<Results<Ok<ApiIssue>, NotFound<ApiError>>> GetAsync(
        long id, ClaimsPrincipal user, ProjectAccess access, CancellationToken cancellationToken)
    {
        var issue = await FindAsync(access, user, id, cancellationToken);
        return issue is null ? ApiResults.NotFound("issue") : TypedResults.Ok(issue);
    }

    // The issue as the API shows it, or null when it does not exist or is not visible to this user.
    public static async Task<ApiIssue?> FindAsync(ProjectAccess access, ClaimsPrincipal user, long id, CancellationToken cancellationToken)
    {
        var row = await access.Issues(user).AsNoTracking().Where(i => i.Id == id)
            .Join(access.Projects(user), i => i.ProjectId, p => p.Id, (i, p) => new { Issue = i, p.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var assignee = row.Issue.AssigneeUserId is { } userId ? await access.EmailOfUserAsync(userId, cancellationToken) : null;
        return ApiIssue.From(row.Issue, row.Slug, assignee);
    }

    private sealed record IssueRow(Issue Issue, string Slug, string? Assignee);
}
