using Bugsink.Web.Features.Alerts;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bugsink.Web.Features.Issues.Workflow;

public static class WorkflowModule
{
    public static IServiceCollection AddIssueWorkflow(this IServiceCollection services)
    {
        services.AddScoped<IssueActions>();
        services.AddTransient<UnmuteIssueJob>();
        services.AddTransient<DeleteIssueJob>();
        services.AddTransient<Assignment.AssignmentEmailJob>();
        services.AddTransient<Assignment.AssignmentChannelJob>();
        // Until the alert sender registers its own dispatcher (before or after this: TryAdd keeps theirs).
        services.TryAddSingleton<IAlertDispatcher, NoOpAlertDispatcher>();
        return services;
    }
}
