using Bugsink.Web.Features.Alerts;

namespace Bugsink.Web.Tests.Features.Alerts;

// The decisions alone, without a server: which alerts become emails, digests, holds, records or suppressions.
public sealed class AlertPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly AlertOptions Options = new() { MaxEmailsPerHour = 3, CoalesceWindowSeconds = 300 };
    private long _nextId = 1;

    [Fact]
    public void LoneNewIssue_IsSentAtOnce()
    {
        var alert = Alert(1, AlertKind.NewIssue);
        var plan = Plan([alert], Project(1));
        Assert.Equal([alert.Id], Assert.Single(plan.Emails).AlertIds);
        Assert.Equal(AlertStatus.Sent, alert.Status);
        Assert.Equal(Now, alert.ProcessedAt);
    }

    [Fact]
    public void SeveralNewIssuesAtOnce_BecomeOneDigest()
    {
        List<AlertRequest> alerts = [Alert(1, AlertKind.NewIssue), Alert(1, AlertKind.NewIssue), Alert(1, AlertKind.NewIssue)];
        var plan = Plan(alerts, Project(1));
        Assert.Equal(alerts.Select(a => a.Id), Assert.Single(plan.Emails).AlertIds);
        Assert.Equal([AlertStatus.Sent, AlertStatus.Coalesced, AlertStatus.Coalesced], alerts.Select(a => a.Status));
    }

    [Fact]
    public void NewIssueWithinWindowOfLastEmail_IsHeldUntilTheWindowEnds()
    {
        var alert = Alert(1, AlertKind.NewIssue);
        var plan = Plan([alert], Project(1, lastNewIssueEmailAt: Now.AddMinutes(-2)));
        Assert.Empty(plan.Emails);
        Assert.Equal(1, plan.Held);
        Assert.Equal(Now.AddMinutes(3), plan.NextDueAt);
        Assert.Equal(AlertStatus.Pending, alert.Status);
        Assert.Null(alert.ProcessedAt);
    }

    [Fact]
    public void HeldNewIssuesAfterTheWindow_GoOutAsOneDigest()
    {
        List<AlertRequest> alerts = [Alert(1, AlertKind.NewIssue), Alert(1, AlertKind.NewIssue)];
        var plan = Plan(alerts, Project(1, lastNewIssueEmailAt: Now.AddMinutes(-5)));
        Assert.Equal(2, Assert.Single(plan.Emails).AlertIds.Count);
    }

    [Fact]
    public void RegressionsAndUnmutes_AreNeverHeldOrCoalesced()
    {
        List<AlertRequest> alerts = [Alert(1, AlertKind.Regression, "2.0"), Alert(1, AlertKind.Unmute, "time"), Alert(1, AlertKind.NewIssue)];
        var plan = Plan(alerts, Project(1, lastNewIssueEmailAt: Now.AddMinutes(-1)));
        Assert.Equal([[alerts[0].Id], [alerts[1].Id]], plan.Emails.Select(e => e.AlertIds.ToArray()));
        Assert.Equal(AlertStatus.Pending, alerts[2].Status);
    }

    [Fact]
    public void BeyondTheHourlyCap_AlertsAreSuppressed()
    {
        List<AlertRequest> alerts = [Alert(1, AlertKind.Regression), Alert(1, AlertKind.Regression), Alert(2, AlertKind.NewIssue)];
        var plan = Plan(alerts, [Project(1), Project(2)], sentInLastHour: 2);
        Assert.Equal([alerts[0].Id], Assert.Single(plan.Emails).AlertIds);
        Assert.Equal([AlertStatus.Sent, AlertStatus.Suppressed, AlertStatus.Suppressed], alerts.Select(a => a.Status));
    }

    // Each reason keeps its own status, so /admin/email/ can tell a choice (switched off) from a problem.
    [Theory]
    [InlineData("switch off", AlertStatus.Recorded)]
    [InlineData("no recipients", AlertStatus.NoRecipient)]
    [InlineData("no smtp", AlertStatus.NoSmtp)]
    [InlineData("project deleted", AlertStatus.Recorded)]
    public void AlertsThatCannotOrNeedNotBeSent_AreRecordedWithTheirReason(string why, AlertStatus expected)
    {
        var alert = Alert(1, AlertKind.NewIssue);
        var project = why switch
        {
            "switch off" => Project(1) with { AlertOnNewIssue = false },
            "no recipients" => Project(1) with { Recipients = [] },
            "project deleted" => Project(1) with { IsLive = false },
            _ => Project(1),
        };
        var plan = AlertPlanner.Plan([alert], Map(project), new HashSet<long> { alert.IssueId }, why != "no smtp", 0, Options, Now);
        Assert.Empty(plan.Emails);
        Assert.Equal(expected, alert.Status);
    }

    [Fact]
    public void AlertOfDeletedIssue_IsRecordedAndLeavesTheDigestToTheOthers()
    {
        List<AlertRequest> alerts = [Alert(1, AlertKind.NewIssue), Alert(1, AlertKind.NewIssue)];
        var plan = AlertPlanner.Plan(alerts, Map(Project(1)), new HashSet<long> { alerts[1].IssueId }, true, 0, Options, Now);
        Assert.Equal([alerts[1].Id], Assert.Single(plan.Emails).AlertIds);
        Assert.Equal([AlertStatus.Recorded, AlertStatus.Sent], alerts.Select(a => a.Status));
    }

    [Fact]
    public void ZeroWindow_SendsEveryNewIssueAlone()
    {
        var alert = Alert(1, AlertKind.NewIssue);
        var options = new AlertOptions { CoalesceWindowSeconds = 0 };
        var plan = AlertPlanner.Plan([alert], Map(Project(1, lastNewIssueEmailAt: Now)), new HashSet<long> { alert.IssueId }, true, 0, options, Now);
        Assert.Single(plan.Emails);
    }

    [Theory]
    [InlineData(2, 30)]
    [InlineData(3, 60)]
    [InlineData(4, 120)]
    [InlineData(9, 3600)]
    [InlineData(20, 3600)]
    public void RetryDelay_DoublesUpToTheMaximum(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), new AlertOptions().RetryDelay(attempt));

    private static AlertPlan Plan(List<AlertRequest> alerts, ProjectAlertContext project, int sentInLastHour = 0) => Plan(alerts, [project], sentInLastHour);

    private static AlertPlan Plan(List<AlertRequest> alerts, ProjectAlertContext[] projects, int sentInLastHour = 0) =>
        AlertPlanner.Plan(alerts, Map(projects), alerts.Select(a => a.IssueId).ToHashSet(), true, sentInLastHour, Options, Now);

    private static Dictionary<long, ProjectAlertContext> Map(params ProjectAlertContext[] projects) => projects.ToDictionary(p => p.ProjectId);

    private static ProjectAlertContext Project(long id, DateTimeOffset? lastNewIssueEmailAt = null) =>
        new(id, true, true, true, true, ["dev@example.com"], lastNewIssueEmailAt);

    private AlertRequest Alert(long projectId, AlertKind kind, string? reason = null)
    {
        var id = _nextId++;
        return new AlertRequest { Id = id, ProjectId = projectId, IssueId = 100 + id, Kind = kind, Reason = reason, CreatedAt = Now, Status = AlertStatus.Pending };
    }
}
