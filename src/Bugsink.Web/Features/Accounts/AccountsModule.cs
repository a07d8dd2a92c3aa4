using Bugsink.Web.Features.Accounts.ExternalLogin;
using Bugsink.Web.Features.Accounts.Invitations;
using Bugsink.Web.Features.Accounts.Passwords;
using Bugsink.Web.Features.Accounts.Security;
using Bugsink.Web.Features.Accounts.Setup;
using Bugsink.Web.Features.Accounts.SignIn;
using Bugsink.Web.Features.Accounts.Tokens;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Infrastructure.Database.Engines;
using Bugsink.Web.Infrastructure.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Bugsink.Web.Features.Accounts;

public static class AccountsModule
{
    public const string LoginPath = "/accounts/login/";

    // The data folder's keys/ on SQLite (DatabaseSetup.PersistKeysPerEngine).
    public const string KeysFolder = "keys";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration, SiteOptions site, DatabaseEngine engine)
    {
        var accounts = new AccountsOptions();
        configuration.GetSection(AccountsOptions.Section).Bind(accounts);
        services.AddOptions<AccountsOptions>()
            .Bind(configuration.GetSection(AccountsOptions.Section))
            .Configure(options => options.Admin = configuration[AccountsOptions.AdminKey])
            // The deploy examples' placeholder: an installation must not start with a published password.
            .Validate(
                options => options.Admin?.EndsWith(":change-me", StringComparison.Ordinal) != true,
                "BUGSINK_ADMIN (Bugsink:Admin) still has the example's password 'change-me': choose one of your own.")
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Keys kept with the installation (the data folder's keys/, or the database on PostgreSQL): sessions,
        // reset links and antiforgery tokens survive a restart and a replaced container, every node reads the
        // same keys, and so does the CLI.
        services.AddDataProtection()
            .SetApplicationName("bugsink")
            .PersistKeysPerEngine(engine, Path.Combine(site.DataDir, KeysFolder));

        services.AddIdentityCore<User>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // The user name is the email address, which the email validator already checks.
                options.User.AllowedUserNameCharacters = "";
                // Length over composition rules (NIST SP 800-63B): a long passphrase beats "Passw0rd!".
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromHours(accounts.PasswordLinkHours));

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "bugsink.session";
            options.Cookie.HttpOnly = true;
            // Lax, not Strict: a link from an alert email must open the page signed in. Forms are
            // protected by antiforgery tokens either way.
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Behind TLS (an https base URL) never over plain http, also when the proxy talks http to us.
            options.Cookie.SecurePolicy = HttpsSetup.IsHttps(site) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.LoginPath = LoginPath;
            options.LogoutPath = "/accounts/logout/";
            options.AccessDeniedPath = "/accounts/denied/";
            options.ExpireTimeSpan = TimeSpan.FromDays(accounts.RememberMeDays);
            options.SlidingExpiration = true;
            // Instead of Identity's SecurityStampValidator: the same check on every request, cheaper (SessionCheck).
            options.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
        });
        services.AddAccountSecurity(accounts, site);
        services.AddExternalLogin(configuration, site);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminRequirement.Policy, policy => policy.RequireAuthenticatedUser().AddRequirements(new AdminRequirement()));

        services.AddScoped<ProjectAccess>();
        services.AddScoped<UserCreator>();
        services.AddScoped<ApiTokenIssuer>();
        services.AddScoped<InvitationIssuer>();
        services.AddScoped<AccountMail>();
        services.AddScoped<PasswordLinks>();
        services.AddSignInThrottle(accounts);
        services.AddSingleton<RecentLoginFailures>();
        services.AddSingleton<DummyPassword>();
        services.AddSingleton<PasswordMailThrottle>();
        services.AddHostedService<AdminBootstrap>();
        services.AddSingleton<FirstAdminSetup>();
        return services;
    }
}
