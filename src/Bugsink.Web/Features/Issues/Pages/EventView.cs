using System.Globalization;
using System.Text.Json;

namespace Bugsink.Web.Features.Issues.Pages;

public sealed record ContextLine(string Number, string Text, bool IsCurrent);

// Note: why a frame stayed as sent (data.unresolved, written by Features/SourceMaps/Symbolication).
public sealed record FrameView(string Location, string? Function, string? LineColumn, bool InApp, IReadOnlyList<ContextLine> Context, IReadOnlyList<KeyValuePair<string, string>> Vars, string? Note = null);

public sealed record ExceptionView(string Type, string? Value, string? Mechanism, IReadOnlyList<FrameView> Frames);

public sealed record ThreadView(string Name, bool Crashed, IReadOnlyList<FrameView> Frames);

public sealed record BreadcrumbView(string Time, string Category, string Level, string Message, string Data);

public sealed record DetailSection(string Title, IReadOnlyList<KeyValuePair<string, string>> Rows);

// An event payload read for display. Exceptions come outermost first (Sentry sends the outermost
// last); frames in the chosen order (Sentry sends the oldest call first).
public sealed record EventView(
    string Platform,
    IReadOnlyList<ExceptionView> Exceptions,
    IReadOnlyList<ThreadView> Threads,
    IReadOnlyList<BreadcrumbView> Breadcrumbs,
    IReadOnlyList<DetailSection> Details)
{
    private const int MaxFrames = 250;
    private const int MaxItems = 200;

    public static readonly EventView Unreadable = new("other", [], [], [], []);

    // Python shows the oldest call first (its own traceback convention); everything else newest first.
    public static bool OldestFirstByDefault(string platform) => platform == "python";

    // raw: the frames as the SDK sent them (raw_stacktrace, kept beside resolved JavaScript frames).
    public static EventView Parse(JsonElement root, bool inAppOnly, bool oldestFirst, bool raw = false)
    {
        var platform = root.Prop("platform").Str() ?? "other";
        var exceptions = root.Prop("exception").Values(MaxItems).Reverse()
            .Select(e => new ExceptionView(
                e.Prop("type").Str() ?? (e.Prop("value") is null ? "Exception" : "Error"),
                e.Prop("value").Str(),
                e.Prop("mechanism").Prop("type").Str(),
                Frames((raw ? e.Prop("raw_stacktrace") : null) ?? e.Prop("stacktrace"), inAppOnly, oldestFirst)))
            .ToList();
        if (exceptions.Count == 0 && root.Prop("stacktrace") is { } bare)
        {
            exceptions.Add(new ExceptionView("Stack trace", null, null, Frames(bare, inAppOnly, oldestFirst)));
        }

        var threads = root.Prop("threads").Values(MaxItems)
            .Where(t => t.Prop("stacktrace") is not null)
            .Select(t => new ThreadView(
                t.Prop("name").Str() ?? "thread " + (t.Prop("id").Str() ?? "?"),
                t.Prop("crashed") is { ValueKind: JsonValueKind.True },
                Frames(t.Prop("stacktrace"), inAppOnly, oldestFirst)))
            .ToList();
        var breadcrumbs = root.Prop("breadcrumbs").Values(MaxItems)
            .Select(b => new BreadcrumbView(
                Time(b.Prop("timestamp")),
                b.Prop("category").Str() ?? b.Prop("type").Str() ?? "",
                b.Prop("level").Str() ?? "",
                b.Prop("message").Str() ?? "",
                b.Prop("data") is { } data ? JsonText.Display(data) : ""))
            .ToList();
        return new EventView(platform, exceptions, threads, breadcrumbs, EventDetails.Sections(root));
    }

    private static List<FrameView> Frames(JsonElement? stacktrace, bool inAppOnly, bool oldestFirst)
    {
        var frames = stacktrace.Prop("frames").Values(MaxFrames).Select(Frame).ToList();
        if (inAppOnly && frames.Any(f => f.InApp))
        {
            frames = [.. frames.Where(f => f.InApp)];
        }

        if (!oldestFirst)
        {
            frames.Reverse();
        }

        return frames;
    }

    private static FrameView Frame(JsonElement frame)
    {
        var line = frame.Prop("lineno") is { ValueKind: JsonValueKind.Number } l && l.TryGetInt64(out var n) ? n : (long?)null;
        var column = frame.Prop("colno").Str();
        var context = new List<ContextLine>();
        var pre = frame.Prop("pre_context").Values(50).ToList();
        for (var i = 0; i < pre.Count; i++)
        {
            context.Add(new ContextLine(Number(line - pre.Count + i), JsonText.Display(pre[i]), false));
        }

        if (frame.Prop("context_line") is { } current)
        {
            context.Add(new ContextLine(Number(line), JsonText.Display(current), true));
        }

        var post = frame.Prop("post_context").Values(50).ToList();
        for (var i = 0; i < post.Count; i++)
        {
            context.Add(new ContextLine(Number(line + 1 + i), JsonText.Display(post[i]), false));
        }

        return new FrameView(
            frame.Prop("filename").Str() ?? frame.Prop("abs_path").Str() ?? frame.Prop("module").Str() ?? "<unknown>",
            frame.Prop("function").Str(),
            line is null ? null : line.Value.ToString(CultureInfo.InvariantCulture) + (column is null ? "" : ":" + column),
            frame.Prop("in_app") is { ValueKind: JsonValueKind.True },
            context,
            frame.Prop("vars").Pairs(MaxItems),
            frame.Prop("data").Prop("unresolved").Str());
    }

    private static string Number(long? line) => line is { } n and > 0 ? n.ToString(CultureInfo.InvariantCulture) : "";

    // Unix seconds (number or numeric string) or ISO 8601.
    private static string Time(JsonElement? value)
    {
        if (value is { ValueKind: JsonValueKind.Number } number && number.TryGetDouble(out var seconds) && seconds is > 0 and < 253402300799)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)).UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        }

        var text = value.Str() ?? "";
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)
            : text;
    }
}
