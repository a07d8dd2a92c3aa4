using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Bugsink.Web.Features.Accounts.Security;

// What the second factor and passkeys need beyond AddIdentityCore: the schema with the passkey table,
// the relying party (the host of BUGSINK_BASE_URL, never the request's Host) and the two cookies of the
// code step (who has passed the password, and "remember this browser").
public static class SecurityModule
{
    public const string PageUrl = "/accounts/security/";

    public static IServiceCollection AddAccountSecurity(this IServiceCollection services, AccountsOptions accounts, SiteOptions site)
    {
        var baseUri = new Uri(site.BaseUrl);
        var origin = baseUri.GetLeftPart(UriPartial.Authority);
        // The stores follow the model's schema version (passkeys need version 3), set in one place.
        services.Configure<IdentityOptions>(options => options.Stores.SchemaVersion = AppDbContext.IdentitySchema);
        services.Configure<IdentityPasskeyOptions>(options =>
        {
            options.ServerDomain = baseUri.Host;
            // The browser's origin must be the base URL's: behind a proxy the request's own Host may differ.
            options.ValidateOrigin = context => ValueTask.FromResult(
                !context.CrossOrigin && string.Equals(context.Origin, origin, StringComparison.OrdinalIgnoreCase));
        });

        var secure = HttpsSetup.IsHttps(site) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.Name = "bugsink.two-factor";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = secure;
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, options =>
        {
            options.Cookie.Name = "bugsink.remember-browser";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = secure;
            options.ExpireTimeSpan = TimeSpan.FromDays(accounts.RememberBrowserDays);
            options.SlidingExpiration = false;
        });
        services.AddScoped<AuthenticatorEnrolment>();
        return services;
    }
}
