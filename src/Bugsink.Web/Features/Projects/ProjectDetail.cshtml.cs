using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.SentryApi;
using Bugsink.Web.Features.SourceMaps.Bundles;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Projects;

public sealed record LatestIssue(long Id, string FriendlyId, string Title, string Level, long EventCount, string LastSeen, string? State);

// The project's home: its DSN first (what people come for after creating a project), SDK set-up,
// a test-event button, and its most recently seen issues.
public sealed class ProjectDetailModel(AppDbContext db, ProjectAccess access, TestEventSender testEvents, IOptions<SiteOptions> site, TimeProvider time,
    IOptions<SentryApiOptions> sentryApi)
    : PageModel
{
    public const int LatestIssueCount = 25;

    public Project Project { get; private set; } = null!;

    public string TeamName { get; private set; } = "";

    public string Dsn { get; private set; } = "";

    public bool CanManage { get; private set; }

    public IReadOnlyList<SetupSnippet> Snippets { get; private set; } = [];

    public IReadOnlyList<LatestIssue> Issues { get; private set; } = [];

    // sentry-cli set-up, uploaded bundles, releases and deploys (Features/SourceMaps/Bundles).
    public SourceMapsPanel SourceMaps { get; private set; } = null!;

    // Nobody on the team receives email alerts: the page says so (the alerts go to the administrators).
    public bool TeamHasNoAlertRecipients { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var project = await access.Projects(User).AsNoTracking().Include(p => p.Team).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null)
        {
            return NotFound();
        }

        Project = project;
        TeamName = project.Team!.Name;
        Dsn = Bugsink.Sentry.Auth.Dsn.Format(site.Value.BaseUrl, project.PublicKey, project.Id);
        Snippets = SetupSnippets.For(Dsn);
        CanManage = await access.CanManageTeamAsync(User, project.TeamId, cancellationToken);
        TeamHasNoAlertRecipients = (await Alerts.AlertRecipients.ForTeamAsync(db, project.TeamId, cancellationToken)).TeamHasNone;
        var now = time.GetUtcNow();
        var issues = await db.Issues.AsNoTracking()
            .Where(i => i.ProjectId == id && !i.IsDeleted)
            .OrderByDescending(i => i.LastSeen)
            .Take(LatestIssueCount)
            .ToListAsync(cancellationToken);
        Issues = [.. issues.Select(i => new LatestIssue(
            i.Id,
            FormattableString.Invariant($"{project.Slug}-{i.Number}"),
            i.Title,
            i.Level,
            i.EventCount,
            TimeAgo.Describe(i.LastSeen, now),
            i.IsResolved ? "resolved" : i.IsMuted ? "muted" : null))];
        SourceMaps = await SourceMapsPanel.LoadAsync(db, project, site.Value.BaseUrl, sentryApi.Value.Organization, now, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostTestEventAsync(long id, CancellationToken cancellationToken)
    {
        var project = await access.Projects(User).AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null)
        {
            return NotFound();
        }

        TempData["Flash"] = await SendTestEventAsync(project, cancellationToken);
        return Redirect($"/projects/{id}/");
    }

    // Ingest answers the test event as it answers an SDK; a refusal is shown with ingest's own reason.
    private async Task<string> SendTestEventAsync(Project project, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await testEvents.SendAsync(project.Id, project.PublicKey, User.Identity?.Name ?? "unknown", cancellationToken);
            return answer.Accepted
                ? "A test event is on its way; reload in a moment to see it in the issue list."
                : answer.Status == StatusCodes.Status403Forbidden && !project.IsEnabled
                    ? "This project is disabled, so it accepts no events. Turn it on in its settings first."
                    : $"Ingest refused the test event with {answer.Status}: {answer.Detail}. An SDK's events get the same answer now.";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return "The test event could not reach this server's own ingest: " + exception.Message;
        }
    }
}
