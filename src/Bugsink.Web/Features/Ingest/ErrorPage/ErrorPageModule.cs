namespace Bugsink.Web.Features.Ingest.ErrorPage;

// The crash-report dialog of Sentry's browser SDKs (showReportDialog) loads /api/embed/error-page/ as a
// script from the page that crashed, on any origin. Like ingest it runs before routing, antiforgery and
// the pages' headers: it is authenticated by the DSN key alone and sets its own CORS and CSP.
public static class ErrorPageModule
{
    public static IServiceCollection AddErrorPage(this IServiceCollection services) => services.AddSingleton<ErrorPageEndpoint>();

    public static IApplicationBuilder UseErrorPage(this IApplicationBuilder app)
    {
        ErrorPageEndpoint? endpoint = null;
        return app.Use(async (context, next) =>
        {
            if (IsErrorPagePath(context.Request.Path.Value))
            {
                endpoint ??= context.RequestServices.GetRequiredService<ErrorPageEndpoint>();
                await endpoint.HandleAsync(context);
                return;
            }

            await next(context);
        });
    }

    // ".../api/embed/error-page/" with or without the trailing slash; any prefix, as a DSN's path may have one.
    public static bool IsErrorPagePath(string? path) =>
        path is not null && (path.EndsWith("/api/embed/error-page/", StringComparison.Ordinal) || path.EndsWith("/api/embed/error-page", StringComparison.Ordinal));
}
