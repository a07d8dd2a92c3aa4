using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Cli;

public static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        await using var app = BugsinkApp.Build(args);
        DatabaseStartup.Initialize(app.Services);
        await app.StartAsync(cancellationToken);
        var site = app.Services.GetRequiredService<IOptions<SiteOptions>>().Value;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            Console.WriteLine($"Bugsink is listening on {address}");
        }

        Console.WriteLine($"Data folder: {site.DataDir}");
        Console.WriteLine($"Create a project and get its DSN with: {InvocationHint.Command("create-project NAME")}");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
