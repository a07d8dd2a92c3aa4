using System.CommandLine;
using System.CommandLine.Invocation;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Cli;

// The one executable is the server and the CLI (DESIGN.md "Contracts"). `serve` is the default only
// when nothing but settings is given; an unknown command or option exits 2 with the usage and, when a
// known name is near, "did you mean".
public static class BugsinkCommandLine
{
    public const int UsageExitCode = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (Refusal(parse) is { } refusal)
        {
            await Console.Error.WriteLineAsync($"bugsink: {refusal}");
            await ShowUsageAsync(parse.CommandResult.Command, root);
            return UsageExitCode;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CliFailureException failure)
        {
            await Console.Error.WriteLineAsync($"bugsink: {failure.Message}");
            return 1;
        }
        catch (OptionsValidationException invalid)
        {
            // A bad setting: one line per problem, naming the setting, not a stack trace.
            foreach (var problem in invalid.Failures)
            {
                await Console.Error.WriteLineAsync($"bugsink: {problem}");
            }

            return 1;
        }
    }

    private static RootCommand BuildRoot()
    {
        var root = new RootCommand("Bugsink for .NET: a self-hosted, Sentry-compatible error tracker.");
        Func<ParseResult, CancellationToken, Task<int>> runServer = (result, cancellationToken) => ServeCommand.RunAsync([.. result.UnmatchedTokens], cancellationToken);
        var serve = new Command("serve", "Run the server (the default when no command is given).");
        serve.SetAction(runServer);
        root.Subcommands.Add(serve);
        root.Subcommands.Add(CreateProjectCommand.Build());
        root.Subcommands.Add(CreateUserCommand.Build());
        root.Subcommands.Add(CreateTokenCommand.Build());
        root.Subcommands.Add(SendEventCommand.Build());
        root.Subcommands.Add(HealthCheckCommand.Build());
        root.Subcommands.Add(BackupCommand.Build());
        root.Subcommands.Add(RestoreCommand.Build());
        root.Subcommands.Add(MigrateToPostgresCommand.Build());
        root.Subcommands.Add(HelpCommand(root));
        root.Subcommands.Add(RunCommand.Build());
        root.SetAction(runServer);
        foreach (var command in root.Subcommands.Append(root))
        {
            // Settings (`--Bugsink:DataDir=…`) reach every command; Refusal checks the rest.
            command.TreatUnmatchedTokensAsErrors = false;
        }

        if (root.Options.OfType<VersionOption>().FirstOrDefault() is { } version)
        {
            version.Action = new PrintVersion();
        }

        return root;
    }

    // Why this command line is refused, or null when it may run.
    private static string? Refusal(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        if (parse.Errors.Count > 0)
        {
            return parse.Errors[0].Message;
        }

        var unmatched = parse.UnmatchedTokens;
        if (command is RootCommand && unmatched.Count > 0 && !unmatched[0].StartsWith('-') && !unmatched[0].Contains('=', StringComparison.Ordinal))
        {
            return UnknownCommand(unmatched[0], command);
        }

        if (SettingsArguments.FindProblem(unmatched) is not { } problem)
        {
            return null;
        }

        var options = command.Options.Concat(parse.RootCommandResult.Command.Options.Where(o => o.Recursive))
            .SelectMany(o => o.Aliases.Prepend(o.Name))
            .Concat(SettingsArguments.PlainKeys.Select(k => "--" + k));
        var near = problem.Token.StartsWith('-') ? Suggestions.Nearest(problem.Token, options) : Suggestions.Nearest(problem.Token, command.Subcommands.Select(c => c.Name));
        return WithSuggestion(problem.Message, near);
    }

    private static string UnknownCommand(string name, Command parent) =>
        WithSuggestion($"Unknown command '{name}'.", Suggestions.Nearest(name, parent.Subcommands.Select(c => c.Name)));

    private static string WithSuggestion(string message, string? near) => near is null ? message : $"{message} Did you mean '{near}'?";

    private static async Task ShowUsageAsync(Command command, RootCommand root)
    {
        var path = new List<string>();
        for (var c = command; c is not RootCommand && c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            path.Insert(0, c.Name);
        }

        await Console.Error.WriteLineAsync();
        await root.Parse([.. path, "--help"]).InvokeAsync(new InvocationConfiguration { Output = Console.Error });
    }

    // `help [command…]`: the same text as `command --help`.
    private static Command HelpCommand(RootCommand root)
    {
        var names = new Argument<string[]>("command") { Arity = ArgumentArity.ZeroOrMore, Description = "The command to describe." };
        var help = new Command("help", "Show help for the CLI or for one command.") { names };
        help.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(names) ?? [];
            var target = root.Parse([.. path]);
            if (path.Length > 0 && (target.CommandResult.Command is RootCommand || target.CommandResult.Command.Name != path[^1]))
            {
                await Console.Error.WriteLineAsync($"bugsink: {UnknownCommand(path[^1], root)}");
                return UsageExitCode;
            }

            return await root.Parse([.. path, "--help"]).InvokeAsync(cancellationToken: cancellationToken);
        });
        return help;
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(BuildVersion.Describe());
            return 0;
        }
    }
}
