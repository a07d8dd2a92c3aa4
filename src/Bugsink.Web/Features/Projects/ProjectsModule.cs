namespace Bugsink.Web.Features.Projects;

public static class ProjectsModule
{
    public static IServiceCollection AddProjects(this IServiceCollection services)
    {
        services.AddScoped<ProjectCreator>();
        services.AddScoped<ProjectRemover>();
        services.AddScoped<TestEventSender>();
        services.AddTransient<DeleteProjectJob>();
        return services;
    }
}
