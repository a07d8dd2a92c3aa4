using System.Security.Cryptography;
using System.Text;
using Bugsink.Sentry.Events;

namespace Bugsink.Sentry.Grouping;

// Bugsink's grouping (PROTOCOL.md §10.5): no stack-trace grouping, just the main exception's type plus its
// normalised value, or the log message. The scheme number is part of the result from day one so a future
// scheme can be introduced without splitting existing issues (Bugsink uses a transition window for that).
public static class EventGrouper
{
    public const int CurrentScheme = 2;

    public const string UnknownType = "<unknown>";
    public const string LogMessageType = "Log Message";
    public const string NoLogMessage = "<no log message>";

    private const int MaxTypeLength = 128;
    private const int MaxValueLength = 1024;
    private const int MaxCulpritLength = 200;

    public static GroupingResult Group(EventData data) => Group(data, CurrentScheme);

    public static GroupingResult Group(EventData data, int schemeVersion)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (schemeVersion != CurrentScheme)
        {
            throw new ArgumentOutOfRangeException(nameof(schemeVersion), schemeVersion, "Only grouping scheme 2 exists.");
        }

        var (type, value, isMessage) = DescribeEvent(data);
        var defaultKey = TitleFor(type, MessageNormalizer.Normalize(value));
        var key = data.Fingerprint is { } fingerprint
            ? FingerprintResolver.Resolve(fingerprint, data, defaultKey) ?? defaultKey
            : defaultKey;
        var title = isMessage ? value : TitleFor(type, value);
        return new GroupingResult(key, HashKey(key), schemeVersion, title, type, value, FindCulprit(data));
    }

    internal static string HashKey(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return Convert.ToHexStringLower(hash);
    }

    // The (type, value) pair an issue is known by. A synthetic exception's type and value were invented by
    // the SDK (e.g. "SIGSEGV" wrappers), so the crashing function names it instead, unless the event is
    // really a log message: the JavaScript SDK (v11) attaches a synthetic exception to every
    // captureMessage just to carry the stack trace, and its crash frame is an anonymous "?".
    private static (string Type, string Value, bool IsMessage) DescribeEvent(EventData data)
    {
        var hasMessage = !string.IsNullOrWhiteSpace(data.MessageTemplate) || !string.IsNullOrWhiteSpace(data.MessageFormatted);
        if (data.Exceptions.Count > 0 && !(data.Exceptions[^1].Synthetic && hasMessage))
        {
            var main = data.Exceptions[^1];
            if (main.Synthetic)
            {
                var function = data.CrashFrame?.Function;
                return (IsAnonymous(function) ? UnknownType : Truncate(function!, MaxTypeLength), "", false);
            }

            var type = string.IsNullOrWhiteSpace(main.Type) ? "Error" : Truncate(main.Type, MaxTypeLength);
            return (type, Truncate(main.Value ?? "", MaxValueLength), false);
        }

        var message = string.IsNullOrWhiteSpace(data.MessageTemplate) ? data.MessageFormatted : data.MessageTemplate;
        if (!string.IsNullOrWhiteSpace(message))
        {
            return (LogMessageType, Truncate(MessageNormalizer.FirstLine(message.Trim()), MaxValueLength), true);
        }

        if (data.MessageTemplate is not null || data.MessageFormatted is not null)
        {
            return (LogMessageType, NoLogMessage, true);
        }

        return (UnknownType, "", false);
    }

    // "Type: first line of value", or just the type when there is no value. The default grouping key is
    // this same shape over the normalised value, which is how Bugsink's v2 scheme builds it.
    private static string TitleFor(string type, string value)
    {
        var firstLine = MessageNormalizer.FirstLine(value);
        return value.Length == 0 ? type : type + ": " + firstLine;
    }

    // Where it happened, in Sentry's "location in function" shape; the transaction (route) wins when sent.
    private static string? FindCulprit(EventData data)
    {
        if (data.Transaction is { } transaction)
        {
            return Truncate(transaction, MaxCulpritLength);
        }

        if (data.CrashFrame is not { } frame)
        {
            return null;
        }

        var function = frame.Function ?? frame.RawFunction;
        var location = frame.Module ?? frame.Filename ?? frame.AbsPath;
        var culprit = (location, function) switch
        {
            (null, null) => null,
            (null, _) => function,
            (_, null) => location,
            _ => location + " in " + function,
        };
        return culprit is null ? null : Truncate(culprit, MaxCulpritLength);
    }

    private static bool IsAnonymous(string? function) =>
        string.IsNullOrWhiteSpace(function) || function is "?" or "<anonymous>" or "<unknown>";

    private static string Truncate(string text, int maxLength) => text.Length > maxLength ? text[..maxLength] : text;
}
