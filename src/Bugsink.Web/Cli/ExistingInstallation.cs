using System.CommandLine;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Cli;

// What the commands that change an installation (create-project, create-user, create-token) open:
// the data folder the settings name, which must already hold a database; its path is printed first,
// so an operator sees which installation the command changed.
public static class ExistingInstallation
{
    public static WebApplication Open(ParseResult result)
    {
        var app = BugsinkApp.Build([.. result.UnmatchedTokens], requireExistingData: true);
        DatabaseStartup.Initialize(app.Services);
        Console.WriteLine($"Data folder: {app.Services.GetRequiredService<IOptions<SiteOptions>>().Value.DataDir}");
        return app;
    }
}
