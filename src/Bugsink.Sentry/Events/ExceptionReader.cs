using System.Text.Json;

namespace Bugsink.Sentry.Events;

// Reads the exception chain and the crash frame. Only that one frame is decoded: grouping, titles and
// alerts use nothing else, and decoding every frame (10-250 per event, a handful of strings each) was
// most of the digest's parsing. The chain is capped, keeping the newest end, which grouping looks at.
internal static class ExceptionReader
{
    public const int MaxExceptions = 64;

    // Frames older than the newest MaxFrames are not considered for the crash frame.
    public const int MaxFrames = 256;

    // Also returns the stack trace of the main (newest kept) exception, where the crash frame is sought first.
    public static (IReadOnlyList<ExceptionData> Exceptions, JsonElement? MainStacktrace) ReadExceptions(JsonElement root)
    {
        var items = SentryValues.Items(LenientJson.Property(root, "exception"u8, "sentry.interfaces.Exception"u8));
        if (items.Count == 0)
        {
            return ([], null);
        }

        var start = Math.Max(0, items.Count - MaxExceptions);
        var exceptions = new List<ExceptionData>(items.Count - start);
        var main = -1;
        for (var i = start; i < items.Count; i++)
        {
            // Relay discards an exception that has neither a type nor a value; so do we.
            var exception = ReadException(items[i]);
            if (exception.Type is not null || exception.Value is not null)
            {
                exceptions.Add(exception);
                main = i;
            }
        }

        return (exceptions, main < 0 ? null : LenientJson.Property(items[main], "stacktrace"u8));
    }

    // The frame where it went wrong: the newest in-app frame, or the newest frame when none is in-app.
    public static StackFrameData? CrashFrameOf(JsonElement? stacktrace)
    {
        if (LenientJson.Property(stacktrace, "frames"u8) is not { ValueKind: JsonValueKind.Array } frames)
        {
            return null;
        }

        var skip = Math.Max(0, frames.GetArrayLength() - MaxFrames);
        JsonElement? newest = null, newestInApp = null;
        foreach (var frame in frames.EnumerateArray())
        {
            if (skip > 0)
            {
                skip--;
                continue;
            }

            if (frame.ValueKind == JsonValueKind.Object)
            {
                newest = frame;
                if (IsInApp(frame))
                {
                    newestInApp = frame;
                }
            }
        }

        return (newestInApp ?? newest) is { } chosen ? ReadFrame(chosen) : null;
    }

    // Falls back from the main exception to the deprecated top-level stack trace, then to the thread that
    // crashed (or threw the main exception, or is the only one), which is where Java and native put it.
    public static StackFrameData? FindCrashFrame(JsonElement root, JsonElement? mainStacktrace)
    {
        if (CrashFrameOf(mainStacktrace) is { } fromException)
        {
            return fromException;
        }

        var topLevel = LenientJson.Property(root, "stacktrace"u8, "sentry.interfaces.Stacktrace"u8);
        if (CrashFrameOf(topLevel) is { } fromStacktrace)
        {
            return fromStacktrace;
        }

        var threads = SentryValues.Items(LenientJson.Property(root, "threads"u8));
        var mainThreadId = MainExceptionThreadId(root);
        foreach (var thread in threads)
        {
            var isCrashed = LenientJson.Boolean(LenientJson.Property(thread, "crashed"u8)) == true;
            var threwMain = mainThreadId is not null && LenientJson.LenientText(thread, "id"u8) == mainThreadId;
            if (threads.Count == 1 || isCrashed || threwMain)
            {
                if (CrashFrameOf(LenientJson.Property(thread, "stacktrace"u8)) is { } fromThread)
                {
                    return fromThread;
                }
            }
        }

        return null;
    }

    private static ExceptionData ReadException(JsonElement exception)
    {
        var mechanism = LenientJson.Property(exception, "mechanism"u8);
        string? mechanismType = null;
        if (mechanism is { ValueKind: JsonValueKind.Object })
        {
            // A legacy mechanism object without a type is "generic" in Relay.
            mechanismType = LenientJson.Text(LenientJson.Property(mechanism, "type"u8)) ?? "generic";
        }

        return new ExceptionData(
            LenientJson.Text(exception, "type"u8),
            LenientJson.StringifiedText(LenientJson.Property(exception, "value"u8)),
            LenientJson.Text(exception, "module"u8),
            mechanismType,
            LenientJson.Boolean(LenientJson.Property(mechanism, "handled"u8)),
            LenientJson.Boolean(LenientJson.Property(mechanism, "synthetic"u8)) == true);
    }

    // The last "in_app" wins and a null counts as absent, as in ReadFrame.
    private static bool IsInApp(JsonElement frame)
    {
        bool? inApp = null;
        foreach (var property in frame.EnumerateObject())
        {
            if (property.NameEquals("in_app"u8))
            {
                inApp = LenientJson.Boolean(property.Value);
            }
        }

        return inApp == true;
    }

    // One pass over the frame's properties instead of ten TryGetProperty calls that each scan them all.
    // The last occurrence of a name wins, as with TryGetProperty, and a null counts as absent.
    private static StackFrameData ReadFrame(JsonElement frame)
    {
        JsonElement? function = null, rawFunction = null, module = null, package = null, filename = null;
        JsonElement? absPath = null, lineNo = null, colNo = null, inApp = null, contextLine = null;
        foreach (var property in frame.EnumerateObject())
        {
            JsonElement? value = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value;
            if (property.NameEquals("function"u8))
            {
                function = value;
            }
            else if (property.NameEquals("raw_function"u8))
            {
                rawFunction = value;
            }
            else if (property.NameEquals("module"u8))
            {
                module = value;
            }
            else if (property.NameEquals("package"u8))
            {
                package = value;
            }
            else if (property.NameEquals("filename"u8))
            {
                filename = value;
            }
            else if (property.NameEquals("abs_path"u8))
            {
                absPath = value;
            }
            else if (property.NameEquals("lineno"u8))
            {
                lineNo = value;
            }
            else if (property.NameEquals("colno"u8))
            {
                colNo = value;
            }
            else if (property.NameEquals("in_app"u8))
            {
                inApp = value;
            }
            else if (property.NameEquals("context_line"u8))
            {
                contextLine = value;
            }
        }

        return new(
            LenientJson.Text(function), LenientJson.Text(rawFunction), LenientJson.Text(module), LenientJson.Text(package),
            LenientJson.Text(filename), LenientJson.Text(absPath), LenientJson.Integer(lineNo), LenientJson.Integer(colNo),
            LenientJson.Boolean(inApp), LenientJson.Text(contextLine));
    }

    private static string? MainExceptionThreadId(JsonElement root)
    {
        var items = SentryValues.Items(LenientJson.Property(root, "exception"u8, "sentry.interfaces.Exception"u8));
        return items.Count > 0 ? LenientJson.LenientText(items[^1], "thread_id"u8) : null;
    }
}
