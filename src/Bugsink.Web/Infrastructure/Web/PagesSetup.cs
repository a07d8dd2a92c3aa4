using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Accounts.ExternalLogin;

namespace Bugsink.Web.Infrastructure.Web;

// Razor Pages live in the feature folders (STYLE.md 4.5): the pages root is /Features and every
// page declares its own absolute route.
public static class PagesSetup
{
    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Features";
            // Every page needs a signed-in user; the few that must not (login, password reset,
            // invitation links) say [AllowAnonymous] on their model. Which projects, issues and
            // events a user may see is decided per lookup by Accounts.ProjectAccess.
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AuthorizeFolder("/Accounts/Users", AdminRequirement.Policy);
        }).AddMvcOptions(FormBinding.Configure);
        services.AddAuthentication();
        services.AddAuthorization();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "bugsink.antiforgery";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddHttpsPolicy();
        return services;
    }

    public static WebApplication MapPages(this WebApplication app)
    {
        app.UseHttpsPolicy();
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseTrustedHeaderLogin();
        app.UseAuthorization();
        // After routing: it reads the pages' [EnableRateLimiting].
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapRazorPages();
        return app;
    }
}
