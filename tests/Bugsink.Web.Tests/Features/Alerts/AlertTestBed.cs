using System.Globalization;
using Bugsink.Sentry.Auth;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Features.Issues;
using Bugsink.Web.Features.Projects;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Alerts;

// A Bugsink server wired to a loopback SMTP server, with helpers to set up teams, members, issues and
// alert rows directly in the database (the way the digest would leave them) and to run a dispatch.
public sealed class AlertTestBed : IAsyncDisposable
{
    // With a path, so the links prove they keep it.
    public const string BaseUrl = "https://bugsink.example.com/errors";

    private AlertTestBed(BugsinkTestServer server, SmtpTestServer smtp)
    {
        Server = server;
        Smtp = smtp;
    }

    public BugsinkTestServer Server { get; }

    public SmtpTestServer Smtp { get; }

    public static async Task<AlertTestBed> StartAsync(bool withSmtp = true, TimeProvider? clock = null, params string[] settings)
    {
        var smtp = SmtpTestServer.Start();
        string[] args = [.. withSmtp ? smtp.ServerArgs : [], $"--Bugsink:BaseUrl={BaseUrl}", .. settings];
        var server = clock is null ? await BugsinkTestServer.StartAsync(args) : await BugsinkTestServer.StartAsync(clock, args);
        return new AlertTestBed(server, smtp);
    }

    public async Task<TestProject> CreateProjectAsync(string name, string team = ProjectCreator.DefaultTeam)
    {
        using var scope = Server.Services.CreateScope();
        var project = await ActivatorUtilities.CreateInstance<ProjectCreator>(scope.ServiceProvider).CreateAsync(name, team, CancellationToken.None);
        return new TestProject(project.Id, project.PublicKey, Dsn.Format(Server.BaseAddress.ToString().TrimEnd('/'), project.PublicKey, project.Id));
    }

    public Task<long> TeamOfAsync(long projectId) => WithDbAsync(db => db.Projects.Where(p => p.Id == projectId).Select(p => p.TeamId).SingleAsync());

    public async Task<long> AddUserAsync(string email, bool sendEmailAlerts = true, bool isAdmin = false, string password = BugsinkTestServer.TestPassword)
    {
        using var scope = Server.Services.CreateScope();
        var user = new User { UserName = email, Email = email, SendEmailAlerts = sendEmailAlerts, IsAdmin = isAdmin };
        var result = await scope.ServiceProvider.GetRequiredService<UserManager<User>>().CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user.Id;
    }

    public Task JoinAsync(long userId, long teamId, bool? sendEmailAlerts = null) => WithDbAsync(async db =>
    {
        db.TeamMemberships.Add(new TeamMembership { UserId = userId, TeamId = teamId, SendEmailAlerts = sendEmailAlerts });
        return await db.SaveChangesAsync();
    });

    public Task SetProjectSwitchesAsync(long projectId, bool newIssue, bool regression, bool unmute) => WithDbAsync(db => db.Projects
        .Where(p => p.Id == projectId)
        .ExecuteUpdateAsync(s => s.SetProperty(p => p.AlertOnNewIssue, newIssue).SetProperty(p => p.AlertOnRegression, regression).SetProperty(p => p.AlertOnUnmute, unmute)));

    public Task<long> AddIssueAsync(long projectId, string title) => WithDbAsync(async db =>
    {
        var now = Now();
        var number = await db.Issues.Where(i => i.ProjectId == projectId).Select(i => (long?)i.Number).MaxAsync() ?? 0;
        var issue = new Issue
        {
            ProjectId = projectId, Number = number + 1, Title = title, Type = "Error", Value = title, Culprit = "checkout.js in pay",
            Level = "error", Platform = "javascript", FirstSeen = now, LastSeen = now, EventCount = 1,
        };
        db.Issues.Add(issue);
        await db.SaveChangesAsync();
        return issue.Id;
    });

    public Task<long> AddAlertAsync(long projectId, long issueId, AlertKind kind, string? reason = null) => WithDbAsync(async db =>
    {
        var alert = new AlertRequest { ProjectId = projectId, IssueId = issueId, Kind = kind, Reason = reason, CreatedAt = Now(), Status = AlertStatus.Pending };
        db.AlertRequests.Add(alert);
        await db.SaveChangesAsync();
        return alert.Id;
    });

    // What the digest does after its commit: nudge, then the dispatch runs on the email queue.
    public void Nudge() => Server.Services.GetRequiredService<IAlertDispatcher>().AlertsCommitted();

    // Runs a dispatch here and now, as the job would.
    public async Task DispatchAsync()
    {
        using var scope = Server.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DispatchAlertsJob>().RunAsync(CancellationToken.None);
    }

    public Task<AlertStatus> StatusOfAsync(long alertId) => WithDbAsync(db => db.AlertRequests.Where(a => a.Id == alertId).Select(a => a.Status).SingleAsync());

    public Task<Dictionary<AlertStatus, int>> StatusCountsAsync() => WithDbAsync(db => db.AlertRequests
        .GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));

    public Task<List<EmailLogEntry>> EmailLogAsync() => WithDbAsync(db => db.EmailLog.OrderBy(e => e.Id).ToListAsync());

    // Waits until no alert is pending and the email queue has had time to run what the dispatch enqueued.
    public async Task WaitUntilDispatchedAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (Server.Count($"SELECT count(*) FROM AlertRequests WHERE Status = {(int)AlertStatus.Pending}") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "Alerts are still pending.");
            await Task.Delay(50);
        }
    }

    public static string IssueLink(long issueId) => string.Create(CultureInfo.InvariantCulture, $"{BaseUrl}/issues/{issueId}/");

    public static string SettingsLink(long projectId) => string.Create(CultureInfo.InvariantCulture, $"{BaseUrl}/projects/{projectId}/settings/");

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    private DateTimeOffset Now() => Server.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    private async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        using var scope = Server.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
