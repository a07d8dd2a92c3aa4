using System.Text.Json;
using System.Text.Unicode;

namespace Bugsink.Sentry.Events;

// The lenient view of an event that digesting needs: grouping, titles, tags and the issue list columns.
// It is parsed into a JsonDocument and read field by field (PROTOCOL.md §9 says to parse loosely), so a
// field of the wrong type is skipped, and Parse never throws: unreadable JSON gives IsParsable = false.
public sealed class EventData
{
    // Matches the depth EventPayloadScanner enforces at ingest.
    public const int MaxDepth = 128;

    private EventData()
    {
    }

    public bool IsParsable { get; private init; }

    public string? EventId { get; private init; }

    public DateTimeOffset? Timestamp { get; private init; }

    public string Level { get; private init; } = SentryLevel.Default;

    public string Platform { get; private init; } = "other";

    public string? Release { get; private init; }

    public string? Environment { get; private init; }

    public string? Transaction { get; private init; }

    public string? ServerName { get; private init; }

    public string? Logger { get; private init; }

    public string? Dist { get; private init; }

    public string? MessageTemplate { get; private init; }

    public string? MessageFormatted { get; private init; }

    public IReadOnlyList<ExceptionData> Exceptions { get; private init; } = [];

    public IReadOnlyList<string>? Fingerprint { get; private init; }

    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; private init; } = [];

    public UserData? User { get; private init; }

    public string? RequestUrl { get; private init; }

    public string? UserAgent { get; private init; }

    public string? BrowserName { get; private init; }

    public string? OsName { get; private init; }

    public string? RuntimeName { get; private init; }

    public StackFrameData? CrashFrame { get; private init; }

    public bool? Handled { get; private init; }

    // Parses the caller's bytes in place (no copy; a byte[] converts): they must not change until this
    // returns, and nothing in the result refers to them afterwards.
    public static EventData Parse(ReadOnlyMemory<byte> json)
    {
        // Invalid UTF-8 would only surface later, when a string is decoded.
        if (!Utf8.IsValid(json.Span))
        {
            return new EventData();
        }

        try
        {
            // Anything but whitespace after the one value makes Parse throw: the payload is invalid.
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new EventData();
            }

            return FromRoot(document.RootElement);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Field reads already swallow the decoding errors they can meet (see LenientJson.Decode); this is
            // the backstop behind the promise that Parse never throws.
            return new EventData();
        }
    }

    private static EventData FromRoot(JsonElement root)
    {
        var (exceptions, mainStacktrace) = ExceptionReader.ReadExceptions(root);
        var (template, formatted) = MessageReader.Read(root);
        var request = LenientJson.Property(root, "request"u8, "sentry.interfaces.Http"u8);
        var contexts = LenientJson.Property(root, "contexts"u8, "sentry.interfaces.Contexts"u8);
        return new EventData
        {
            IsParsable = true,
            EventId = LenientJson.Text(root, "event_id"u8) is { } id ? EventIdParser.Normalize(id) : null,
            Timestamp = SentryTimestamp.Read(LenientJson.Property(root, "timestamp"u8)),
            Level = SentryLevel.Read(LenientJson.Property(root, "level"u8)),
            Platform = LenientJson.NullIfBlank(LenientJson.Text(root, "platform"u8)) ?? "other",
            Release = LenientJson.NullIfBlank(LenientJson.LenientText(root, "release"u8)?.Trim()),
            Environment = OptionalText(root, "environment"u8),
            Transaction = OptionalText(root, "transaction"u8),
            ServerName = OptionalText(root, "server_name"u8),
            Logger = OptionalText(root, "logger"u8),
            Dist = OptionalText(root, "dist"u8),
            MessageTemplate = template,
            MessageFormatted = formatted,
            Exceptions = exceptions,
            Fingerprint = TagReader.ReadFingerprint(LenientJson.Property(root, "fingerprint"u8)),
            Tags = TagReader.ReadTags(LenientJson.Property(root, "tags"u8)),
            User = ContextReader.ReadUser(LenientJson.Property(root, "user"u8, "sentry.interfaces.User"u8)),
            RequestUrl = LenientJson.NullIfBlank(LenientJson.Text(LenientJson.Property(request, "url"u8))),
            UserAgent = LenientJson.NullIfBlank(ContextReader.UserAgent(request)),
            BrowserName = ContextReader.Describe(contexts, "browser"u8),
            OsName = ContextReader.Describe(contexts, "os"u8),
            RuntimeName = ContextReader.Describe(contexts, "runtime"u8),
            CrashFrame = ExceptionReader.FindCrashFrame(root, mainStacktrace),
            Handled = exceptions.Count > 0 ? exceptions[^1].Handled : null,
        };
    }

    private static string? OptionalText(JsonElement root, ReadOnlySpan<byte> name)
        => LenientJson.NullIfBlank(LenientJson.LenientText(root, name));
}
