using Bugsink.Web.Cli;
using Bugsink.Web.Features.Accounts.Setup;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Accounts;

// Runs when the server starts (not for CLI commands, which never start the host): makes sure the
// BUGSINK_ADMIN account exists, and on an installation without users says how to create the first one.
public sealed partial class AdminBootstrap(
    IServiceScopeFactory scopes, IOptions<AccountsOptions> options, IOptions<SiteOptions> site, FirstAdminSetup setup, ILogger<AdminBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var admin = options.Value.Admin;
        if (!string.IsNullOrWhiteSpace(admin))
        {
            await EnsureAdminAsync(scope.ServiceProvider, admin);
        }

        if (!await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AnyAsync(cancellationToken))
        {
            var link = $"{site.Value.BaseUrl.TrimEnd('/')}/setup/?token={setup.Issue()}";
            LogNoUsers(link, (int)FirstAdminSetup.Lifetime.TotalMinutes, InvocationHint.Command("create-user EMAIL --password PASSWORD --admin"));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // An existing account keeps its password: it may have been changed in the UI since the variable
    // was set, and a restart must not undo that. It is only made an admin (and unlocked).
    private async Task EnsureAdminAsync(IServiceProvider services, string admin)
    {
        var separator = admin.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0 || separator == admin.Length - 1)
        {
            LogMalformed();
            return;
        }

        var (email, password) = (admin[..separator].Trim(), admin[(separator + 1)..]);
        var users = services.GetRequiredService<UserManager<User>>();
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            if (!existing.IsAdmin)
            {
                existing.IsAdmin = true;
                await users.UpdateAsync(existing);
            }

            return;
        }

        var created = await services.GetRequiredService<UserCreator>().CreateAsync(email, password, isAdmin: true);
        if (created.Succeeded)
        {
            LogCreated(email);
        }
        else
        {
            LogRefused(email, string.Join(" ", created.Errors));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "No users yet. Create the first administrator in the browser at {Link} (valid for {Minutes} minutes, once), " +
        "or with `{Command}`, or start with BUGSINK_ADMIN=email:password")]
    private partial void LogNoUsers(string link, int minutes, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bugsink:Admin (BUGSINK_ADMIN) must look like email:password; ignored")]
    private partial void LogMalformed();

    [LoggerMessage(Level = LogLevel.Information, Message = "Created administrator {Email} from Bugsink:Admin")]
    private partial void LogCreated(string email);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not create administrator {Email} from Bugsink:Admin: {Errors}")]
    private partial void LogRefused(string email, string errors);
}
