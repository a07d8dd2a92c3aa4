using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Tests.Features.Issues.Workflow;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Digest;

// New issues produce alert requests in the digest's transaction; the dispatcher hears of them after commit.
[Collection(SequentialServers.Name)]
public sealed class DigestAlertTests(WorkflowServer fixture) : IClassFixture<WorkflowServer>
{
    [Fact]
    public async Task NewIssue_WritesAPendingAlertForItsFirstEvent_AndNudgesAfterCommit()
    {
        var scenario = await fixture.NewProjectAsync();
        var visibleAtNudge = new List<long>();
        // Another connection sees only committed rows: the nudge must come after the commit.
        fixture.Alerts.OnNudge = () => visibleAtNudge.Add(scenario.Server.Count(
            "SELECT count(*) FROM AlertRequests WHERE ProjectId = $p AND Kind = 0", ("$p", scenario.Project.Id)));
        try
        {
            var nudges = fixture.Alerts.Count;
            var first = await scenario.SendAsync("Disk quota exceeded");
            var issueId = scenario.IssueOf(first);

            var alert = Assert.Single(await scenario.AlertsAsync(issueId));
            Assert.Equal((AlertKind.NewIssue, null, first, AlertStatus.Pending), (alert.Kind, alert.Reason, alert.EventId, alert.Status));
            Assert.Equal((scenario.Project.Id, fixture.Clock.GetUtcNow()), (alert.ProjectId, alert.CreatedAt));
            Assert.Equal(nudges + 1, fixture.Alerts.Count);
            Assert.Equal([1L], visibleAtNudge);
            Assert.True(scenario.IsProtected(first));

            // More events of a known, open issue: nothing to tell anyone.
            await scenario.SendManyAsync(3, "Disk quota exceeded");
            Assert.Single(await scenario.AlertsAsync(issueId));
            Assert.Equal(nudges + 1, fixture.Alerts.Count);
        }
        finally
        {
            fixture.Alerts.OnNudge = null;
        }
    }

    [Fact]
    public async Task SeveralNewIssuesInABatch_OneAlertEach()
    {
        var scenario = await fixture.NewProjectAsync();
        var ids = new List<string>();
        foreach (var error in new[] { "alpha failed", "beta failed", "gamma failed" })
        {
            ids.Add(await scenario.SendAsync(error));
        }

        foreach (var eventId in ids)
        {
            Assert.Equal(AlertKind.NewIssue, Assert.Single(await scenario.AlertsAsync(scenario.IssueOf(eventId))).Kind);
        }
    }
}
