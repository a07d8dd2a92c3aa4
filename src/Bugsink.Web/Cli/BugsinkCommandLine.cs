using System.CommandLine;

namespace Bugsink.Web.Cli;

public static class BugsinkCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var serve = new Command("serve", "Run the server (the default).") { TreatUnmatchedTokensAsErrors = false };
        serve.SetAction((result, cancellationToken) => ServeCommand.RunAsync([.. result.UnmatchedTokens], cancellationToken));

        var root = new RootCommand("Bugsink for .NET: a self-hosted, Sentry-compatible error tracker.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Subcommands.Add(serve);
        root.Subcommands.Add(CreateProjectCommand.Build());
        root.Subcommands.Add(CreateUserCommand.Build());
        root.Subcommands.Add(CreateTokenCommand.Build());
        root.Subcommands.Add(SendEventCommand.Build());
        root.Subcommands.Add(HealthCheckCommand.Build());
        root.Subcommands.Add(RunCommand.Build());
        root.SetAction((result, cancellationToken) => ServeCommand.RunAsync([.. result.UnmatchedTokens], cancellationToken));
        return await root.Parse(args).InvokeAsync();
    }
}
