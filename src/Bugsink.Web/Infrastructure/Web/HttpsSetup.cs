using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Bugsink.Web.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Infrastructure.Web;

// Bound from "Bugsink:Https".
public sealed class HttpsOptions
{
    public const string Section = "Bugsink:Https";

    // How long browsers keep to https once they have seen the Strict-Transport-Security header; 0 sends none.
    [Range(0, 3650)]
    public int HstsMaxAgeDays { get; set; } = 365;
}

// An https BUGSINK_BASE_URL says people reach the server over TLS, usually ended at a reverse proxy that
// talks plain http to it, so the request's own scheme cannot decide: then every cookie is Secure and every
// answer carries HSTS. (ASP.NET Core's UseHsts sends it only on requests that arrived as https.)
public static class HttpsSetup
{
    public static bool IsHttps(SiteOptions site) => site.BaseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddHttpsPolicy(this IServiceCollection services)
    {
        services.AddOptions<HttpsOptions>().BindConfiguration(HttpsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Every cookie, the ones named in the modules and any other a library sets (TempData's, say).
        services.AddOptions<CookiePolicyOptions>().Configure<IOptions<SiteOptions>>((options, site) =>
        {
            if (IsHttps(site.Value))
            {
                options.Secure = CookieSecurePolicy.Always;
            }
        });
        return services;
    }

    // Before anything that sets a cookie or answers.
    public static IApplicationBuilder UseHttpsPolicy(this IApplicationBuilder app)
    {
        var site = app.ApplicationServices.GetRequiredService<IOptions<SiteOptions>>().Value;
        var days = app.ApplicationServices.GetRequiredService<IOptions<HttpsOptions>>().Value.HstsMaxAgeDays;
        app.UseCookiePolicy();
        if (!IsHttps(site) || days == 0)
        {
            return app;
        }

        var hsts = "max-age=" + TimeSpan.FromDays(days).TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.StrictTransportSecurity = hsts;
                return Task.CompletedTask;
            });
            await next(context);
        });
    }
}
