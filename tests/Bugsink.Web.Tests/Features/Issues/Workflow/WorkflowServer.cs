using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Bugsink.Web.Tests.Features.Issues.Workflow;

// One real server per test class, on a fake clock, with an alert dispatcher that only counts its nudges
// (alert rows stay as the workflow wrote them). Each test works in a project of its own.
public sealed class WorkflowServer : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public CountingAlertDispatcher Alerts { get; } = new();

    public BugsinkTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await BugsinkTestServer.StartAsync(services =>
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.RemoveAll<IAlertDispatcher>();
        services.AddSingleton<IAlertDispatcher>(Alerts);
    });

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public async Task<IssueScenario> NewProjectAsync() => new(Server, await Server.CreateProjectAsync("Workflow " + Guid.NewGuid().ToString("N")[..8]));
}

public sealed class CountingAlertDispatcher : IAlertDispatcher
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    // Runs at each nudge: lets a test look at the database at that very moment.
    public Action? OnNudge { get; set; }

    public void AlertsCommitted()
    {
        OnNudge?.Invoke();
        Interlocked.Increment(ref _count);
    }
}
