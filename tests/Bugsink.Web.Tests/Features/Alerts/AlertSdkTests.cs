using System.Diagnostics;
using System.Runtime.CompilerServices;
using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bugsink.Web.Tests.Features.Alerts;

// End to end: the real Sentry .NET SDK sends events, the digest decides, and the emails arrive at a real
// SMTP server: one per new issue, regression and unmute, to exactly the team members who want them.
[Collection(SequentialServers.Name)]
public sealed class AlertSdkTests : IAsyncLifetime
{
    private static readonly string[] Recipients = ["alice@example.com", "carol@example.com"];
    private AlertTestBed? _bed;
    private TestProject _project = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_bed is not null)
        {
            await _bed.DisposeAsync();
        }
    }

    [Fact]
    public async Task NewIssueRegressionAndVolumeUnmute_EachEmailOnceToTheRightPeople()
    {
        var bed = await StartAsync();
        var first = await SendAsync("shop@1.0");
        var received = await bed.Smtp.WaitForAsync(2);
        var issueId = IssueOf(first);
        AssertOneEach(received, "[Sdk Shop] New issue: System.InvalidOperationException: Payment failed", issueId);
        var newIssue = received[0].Text;
        Assert.Contains("Release:", newIssue, StringComparison.Ordinal);
        Assert.Contains("shop@1.0", newIssue, StringComparison.Ordinal);
        Assert.Contains("Environment:", newIssue, StringComparison.Ordinal);
        Assert.Contains(nameof(ThrowPaymentFailure), newIssue, StringComparison.Ordinal);

        // More of the same issue: no email.
        await SendAsync("shop@1.0");
        await SendAsync("shop@1.0");
        Assert.Equal(2, (await bed.Smtp.WaitForAsync(2, settle: TimeSpan.FromSeconds(2))).Count);

        await WithActionsAsync(actions => actions.ResolveAsync(issueId, Actor.System, CancellationToken.None));
        await SendAsync("shop@1.1");
        received = await bed.Smtp.WaitForAsync(4);
        AssertOneEach(received.Skip(2).ToList(), "[Sdk Shop] Regression: System.InvalidOperationException: Payment failed", issueId);
        Assert.Contains("happened again in release shop@1.1", received[^1].Text, StringComparison.Ordinal);

        await WithActionsAsync(actions => actions.MuteAsync(issueId, MuteSpec.UntilVolume(2, TimeSpan.FromHours(1)), Actor.System, CancellationToken.None));
        await SendAsync("shop@1.1");
        await SendAsync("shop@1.1");
        Assert.Equal(4, (await bed.Smtp.WaitForAsync(4, settle: TimeSpan.FromSeconds(2))).Count);
        await SendAsync("shop@1.1");
        received = await bed.Smtp.WaitForAsync(6, settle: TimeSpan.FromSeconds(2));
        AssertOneEach(received.Skip(4).ToList(), "[Sdk Shop] Unmuted: System.InvalidOperationException: Payment failed", issueId);
        Assert.Contains("more often than the mute allowed", received[^1].Text, StringComparison.Ordinal);
        Assert.Equal(6, received.Count);
    }

    [Fact]
    public async Task TimedMuteThatEnded_UnmuteEmailSaysSo()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));
        var bed = await StartAsync(clock);
        var issueId = IssueOf(await SendAsync("shop@1.0"));
        await bed.Smtp.WaitForAsync(2);
        await WithActionsAsync(actions => actions.MuteAsync(issueId, MuteSpec.For(TimeSpan.FromHours(1), clock.GetUtcNow()), Actor.System, CancellationToken.None));

        await SendAsync("shop@1.0");
        Assert.Equal(2, (await bed.Smtp.WaitForAsync(2, settle: TimeSpan.FromSeconds(2))).Count);
        clock.Advance(TimeSpan.FromHours(2));
        await SendAsync("shop@1.0");
        var received = await bed.Smtp.WaitForAsync(4, settle: TimeSpan.FromSeconds(2));
        AssertOneEach(received.Skip(2).ToList(), "[Sdk Shop] Unmuted: System.InvalidOperationException: Payment failed", issueId);
        Assert.Contains("that time is over", received[^1].Text, StringComparison.Ordinal);
    }

    private async Task<AlertTestBed> StartAsync(TimeProvider? clock = null)
    {
        _bed = await AlertTestBed.StartAsync(clock: clock);
        _project = await _bed.CreateProjectAsync("Sdk Shop");
        var team = await _bed.TeamOfAsync(_project.Id);
        await _bed.JoinAsync(await _bed.AddUserAsync("alice@example.com"), team);
        await _bed.JoinAsync(await _bed.AddUserAsync("bob@example.com"), team, sendEmailAlerts: false);
        await _bed.JoinAsync(await _bed.AddUserAsync("carol@example.com", sendEmailAlerts: false), team, sendEmailAlerts: true);
        await _bed.AddUserAsync("root@example.com", isAdmin: true);
        return _bed;
    }

    // One event through the SDK, waited for until digested.
    private async Task<string> SendAsync(string release)
    {
        using var client = new SentryClient(new SentryOptions
        {
            Dsn = _project.Dsn,
            Release = release,
            Environment = "staging",
            CacheDirectoryPath = null,
            SendClientReports = false,
        });
        string id;
        try
        {
            ThrowPaymentFailure();
            throw new UnreachableException();
        }
        catch (InvalidOperationException exception)
        {
            id = client.CaptureException(exception).ToString();
        }

        await client.FlushAsync(TimeSpan.FromSeconds(10));
        await _bed!.Server.WaitForEventsAsync(id);
        return id;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowPaymentFailure() => throw new InvalidOperationException("Payment failed");

    private long IssueOf(string eventId) => _bed!.Server.Count("SELECT IssueId FROM Events WHERE EventId = $id", ("$id", eventId));

    private async Task WithActionsAsync(Func<IssueActions, Task> action)
    {
        using var scope = _bed!.Server.Services.CreateScope();
        await action(ActivatorUtilities.CreateInstance<IssueActions>(scope.ServiceProvider));
    }

    private static void AssertOneEach(IReadOnlyList<ReceivedEmail> emails, string subject, long issueId)
    {
        Assert.Equal(Recipients, emails.Select(e => e.To).Order(StringComparer.Ordinal));
        Assert.All(emails, e =>
        {
            Assert.Equal(subject, e.Subject);
            Assert.Contains(AlertTestBed.IssueLink(issueId), e.Text, StringComparison.Ordinal);
            Assert.Contains(AlertTestBed.IssueLink(issueId), e.Html, StringComparison.Ordinal);
        });
    }
}
