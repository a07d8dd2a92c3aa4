namespace Bugsink.Web.Features.Issues.Merge;

public static class MergeModule
{
    public static IServiceCollection AddIssueMerge(this IServiceCollection services)
    {
        services.AddScoped<IssueMerger>();
        services.AddTransient<MoveMergedIssueJob>();
        return services;
    }
}
