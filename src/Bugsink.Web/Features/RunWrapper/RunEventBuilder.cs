using System.Globalization;
using System.Text.Json.Nodes;
using Bugsink.Web.Cli;

namespace Bugsink.Web.Features.RunWrapper;

public sealed record RunSettings(IReadOnlyList<string> Command, string? Release, string? Environment, IReadOnlyDictionary<string, string> Tags);

// The one event a failed command becomes: its traceback as a Sentry exception when stderr holds one
// (so it groups and renders like an SDK's event), else a message naming the command and how it ended.
public static class RunEventBuilder
{
    public const int TailLinesSent = 100;

    public static JsonObject Build(RunSettings settings, ChildOutcome outcome, string eventId, DateTimeOffset now, string hostName)
    {
        var lines = outcome.Stderr.Lines();
        var traceback = TracebackReader.FindLast(lines);
        var commandLine = CommandLine.Format(settings.Command);
        var payload = new JsonObject
        {
            ["event_id"] = eventId,
            ["timestamp"] = now.ToUnixTimeMilliseconds() / 1000.0,
            ["platform"] = traceback?.Platform ?? "other",
            ["level"] = "error",
            ["server_name"] = hostName,
            ["logger"] = "bugsink run",
            ["contexts"] = new JsonObject { ["command"] = CommandContext(commandLine, outcome) },
            ["extra"] = new JsonObject { ["stderr"] = string.Join('\n', lines.Count > TailLinesSent ? lines.Skip(lines.Count - TailLinesSent) : lines) },
            ["sdk"] = new JsonObject { ["name"] = "bugsink.run", ["version"] = BuildVersion.Version },
        };
        if (settings.Release is { } release)
        {
            payload["release"] = release;
        }

        if (settings.Environment is { } environment)
        {
            payload["environment"] = environment;
        }

        var tags = new JsonObject();
        foreach (var (key, value) in settings.Tags)
        {
            tags[key] = value;
        }

        payload["tags"] = tags;
        if (traceback is not null)
        {
            payload["exception"] = new JsonObject { ["values"] = Exceptions(traceback) };
        }
        else
        {
            payload["logentry"] = new JsonObject { ["message"] = $"`{commandLine}` {Ending(outcome)}" };
        }

        return payload;
    }

    // "exited with code 3", "was killed by SIGKILL (exit code 137)", "could not be started: …".
    public static string Ending(ChildOutcome outcome) => outcome switch
    {
        { StartError: { } error } => $"could not be started: {error}",
        { Signal: { } signal } => $"was killed by {SignalNames.Of(signal)} (exit code {outcome.ExitCode.ToString(CultureInfo.InvariantCulture)})",
        _ => $"exited with code {outcome.ExitCode.ToString(CultureInfo.InvariantCulture)}",
    };

    private static JsonObject CommandContext(string commandLine, ChildOutcome outcome)
    {
        var context = new JsonObject
        {
            ["type"] = "default",
            ["command_line"] = commandLine,
            ["exit_code"] = outcome.ExitCode,
            ["duration_seconds"] = Math.Round(outcome.Duration.TotalSeconds, 3),
            ["working_directory"] = System.Environment.CurrentDirectory,
        };
        if (outcome.Signal is { } signal)
        {
            context["signal"] = SignalNames.Of(signal);
        }

        if (outcome.StartError is { } error)
        {
            context["start_error"] = error;
        }

        return context;
    }

    private static JsonArray Exceptions(ParsedTraceback traceback)
    {
        var values = new JsonArray();
        foreach (var exception in traceback.Exceptions)
        {
            var value = new JsonObject { ["type"] = exception.Type, ["value"] = exception.Value };
            if (exception.Module is { } module)
            {
                value["module"] = module;
            }

            var frames = new JsonArray();
            foreach (var frame in exception.Frames)
            {
                frames.Add(Frame(frame));
            }

            value["stacktrace"] = new JsonObject { ["frames"] = frames };
            values.Add(value);
        }

        // The exception that ended the program was not handled; the causes before it were.
        values[^1]!["mechanism"] = new JsonObject { ["type"] = "bugsink.run", ["handled"] = false };
        return values;
    }

    private static JsonObject Frame(ParsedFrame frame)
    {
        var json = new JsonObject { ["in_app"] = frame.InApp };
        Add(json, "function", frame.Function);
        Add(json, "module", frame.Module);
        Add(json, "filename", frame.Filename);
        Add(json, "abs_path", frame.Filename);
        Add(json, "context_line", frame.ContextLine);
        if (frame.Lineno is { } line)
        {
            json["lineno"] = line;
        }

        if (frame.Colno is { } column)
        {
            json["colno"] = column;
        }

        return json;
    }

    private static void Add(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
