using System.CommandLine;
using System.CommandLine.Parsing;
using Bugsink.Sentry.Auth;
using Bugsink.Web.Features.RunWrapper;

namespace Bugsink.Web.Cli;

// `run [DSN] [--release R] [--environment E] [--tag k=v …] -- COMMAND [ARGS…]`: runs the command as if
// directly (same stdio, same exit code) and, when it fails, sends one event about it (dsnrun-style).
public static class RunCommand
{
    public static Command Build()
    {
        var words = new Argument<string[]>("dsn-and-command")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "[DSN] -- COMMAND [ARGS…]; the DSN defaults to $SENTRY_DSN.",
        };
        var release = new Option<string?>("--release") { Description = "The event's release." };
        var environment = new Option<string?>("--environment") { Description = "The event's environment." };
        var tags = new Option<string[]>("--tag") { Description = "A tag key=value for the event (repeatable)." };
        var command = new Command("run", "Run a command; when it fails, send its traceback or exit status to a DSN.")
        {
            words, release, environment, tags,
        };
        command.SetAction(async (result, _) =>
        {
            if (Split(result, words) is not var (dsnText, program))
            {
                return Usage("put the command after `--`: bugsink run [DSN] -- COMMAND [ARGS…]");
            }

            dsnText ??= Environment.GetEnvironmentVariable("SENTRY_DSN");
            if (string.IsNullOrWhiteSpace(dsnText))
            {
                return Usage("no DSN: give one before `--` or set SENTRY_DSN");
            }

            if (!Dsn.TryParse(dsnText, out var dsn))
            {
                return Usage($"not a valid DSN: {dsnText}");
            }

            if (ParseTags(result.GetValue(tags) ?? []) is not { } tagMap)
            {
                return Usage("a --tag must look like key=value");
            }

            var settings = new RunSettings(program, result.GetValue(release), result.GetValue(environment), tagMap);
            return await RunAndReportAsync(dsn, settings);
        });
        return command;
    }

    private static async Task<int> RunAndReportAsync(Dsn dsn, RunSettings settings)
    {
        using var terminal = Console.OpenStandardError();
        var outcome = await ChildCommand.RunAsync(settings.Command[0], settings.Command.Skip(1).ToList(), terminal);
        if (outcome.StartError is not null)
        {
            Console.Error.WriteLine($"bugsink run: {settings.Command[0]}: {outcome.StartError}");
        }

        if (outcome.ExitCode == 0)
        {
            return 0;
        }

        var payload = RunEventBuilder.Build(settings, outcome, Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, System.Net.Dns.GetHostName());
        if (await RunEventSender.SendAsync(dsn, payload, RunEventSender.Timeout) is { } problem)
        {
            Console.Error.WriteLine($"bugsink run: warning: the event was not sent: {problem}");
        }

        return outcome.ExitCode;
    }

    // The words before `--` are the DSN (at most one), the words after it the command, untouched:
    // System.CommandLine hands everything after `--` to the argument as plain words, options included.
    private static (string? Dsn, List<string> Command)? Split(ParseResult result, Argument<string[]> words)
    {
        var tokens = result.Tokens;
        var dashes = -1;
        for (var i = 0; i < tokens.Count && dashes < 0; i++)
        {
            dashes = tokens[i].Type == TokenType.DoubleDash ? i : -1;
        }

        var values = result.GetValue(words) ?? [];
        var afterCount = dashes < 0 ? 0 : tokens.Count - dashes - 1;
        var beforeCount = values.Length - afterCount;
        if (dashes < 0 || afterCount == 0 || beforeCount is < 0 or > 1)
        {
            return null;
        }

        return (beforeCount == 1 ? values[0] : null, values[beforeCount..].ToList());
    }

    private static Dictionary<string, string>? ParseTags(string[] pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return null;
            }

            map[pair[..equals]] = pair[(equals + 1)..];
        }

        return map;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"bugsink run: {message}");
        return 2;
    }
}
