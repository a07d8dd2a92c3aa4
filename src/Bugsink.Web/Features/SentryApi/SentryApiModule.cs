using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.SentryApi;

// The part of Sentry's web API that sentry-cli calls (releases, deploys, source-map uploads), at
// /api/0/ on the host root: sentry-cli refuses a server URL with a path.
public static class SentryApiModule
{
    public const string Prefix = "/api/0";

    public static IServiceCollection AddSentryApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SentryApiOptions>(configuration.GetSection(SentryApiOptions.Section));
        services.AddScoped<SentryProjects>();
        services.AddScoped<SentryReleases>();
        return services;
    }

    public static WebApplication MapSentryApi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SentryApiOptions>>();
        app.UseSentryApiAuthentication();
        app.MapGet(Prefix + "/", IndexEndpoint.GetAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        var api = app.MapGroup(Prefix).AddEndpointFilter(new SentryOrganizationFilter(options)).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        api.MapSentryReleases();
        api.MapSentryDeploys();
        api.MapSentryChunkUpload();
        api.MapSentryAssemble();
        api.MapSentryReleaseFiles();
        // Anything else under /api/0/ is a 404 in Sentry's shape, not an empty body.
        api.Map("{**rest}", () => SentryJson.NotFound());
        return app;
    }
}
