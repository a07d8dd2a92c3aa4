namespace Bugsink.Web.Features.Admin;

public static class AdminModule
{
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddSingleton<SystemFigures>();
        return services;
    }
}
