using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bugsink.Benchmarks.Payloads;

// Writes one event as the Sentry .NET SDK would send it from an ASP.NET Core app: an exception with a
// stack of in-app and framework frames, then the breadcrumbs, contexts, user and request around it.
// The event_id is the template placeholder; numbers in the message vary per event but do not affect grouping.
public static class SentryEventWriter
{
    public static byte[] Write(EventProfile profile, int group, Random random, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>(profile.MaxFrames * 1024);
        // Relaxed escaping like the SDK's serializer: quotes and '+' stay readable instead of \u0022.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var (area, problem, thing) = EventVocabulary.GroupWords(group);
            json.WriteStartObject();
            json.WriteString("event_id", EnvelopeTemplate.PlaceholderId);
            json.WriteString("timestamp", SentryTimestamp(now.AddMilliseconds(-random.Next(5000))));
            json.WriteString("platform", "csharp");
            json.WriteString("level", "error");
            json.WriteString("logger", $"Shop.{area}.{thing}Controller");
            json.WriteString("server_name", $"web-{random.Next(1, 9)}");
            json.WriteString("release", "shop@4.12.0+8c1f2e9");
            json.WriteString("environment", "production");
            json.WriteString("transaction", $"POST /api/{thing.ToLowerInvariant()}s/{{id}}");
            WriteException(json, profile, area, problem, thing, random);
            EventDetailsWriter.WriteBreadcrumbs(json, profile, area, random, now);
            EventDetailsWriter.WriteTags(json, area, random);
            EventDetailsWriter.WriteContexts(json, random);
            EventDetailsWriter.WriteUser(json, random);
            EventDetailsWriter.WriteRequest(json, profile, thing, random);
            EventDetailsWriter.WriteExtraAndModules(json, profile, random);
            json.WriteStartObject("sdk");
            json.WriteString("name", "sentry.dotnet.aspnetcore");
            json.WriteString("version", "6.12.1");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteException(Utf8JsonWriter json, EventProfile profile, string area, string problem, string thing, Random random)
    {
        json.WriteStartObject("exception");
        json.WriteStartArray("values");
        json.WriteStartObject();
        json.WriteString("type", $"Shop.{area}.{problem}{thing}Exception");
        // Ids, durations and hosts all normalise away, so every event of a group shares one grouping key.
        json.WriteString("value", string.Create(
            CultureInfo.InvariantCulture,
            $"{problem} {thing.ToLowerInvariant()} {random.Next(1, 1_000_000)} for tenant {EventDetailsWriter.RandomGuid(random)} could not be processed after {random.Next(5, 900)}ms"));
        if (profile.VerboseFrames)
        {
            json.WriteString("module", $"Shop.{area}, Version=4.12.0.0, Culture=neutral, PublicKeyToken=null");
        }

        json.WriteNumber("thread_id", random.Next(1, 64));
        json.WriteStartObject("mechanism");
        json.WriteString("type", "Microsoft.AspNetCore.Diagnostics.UnhandledException");
        json.WriteBoolean("handled", false);
        json.WriteEndObject();
        json.WriteStartObject("stacktrace");
        json.WriteStartArray("frames");
        var frames = random.Next(profile.MinFrames, profile.MaxFrames + 1);
        for (var i = 0; i < frames; i++)
        {
            // Sentry orders frames oldest first: framework plumbing at the bottom, our code at the top.
            var inApp = i >= frames * 2 / 3;
            var withContext = frames - i <= profile.FramesWithContext;
            WriteFrame(json, profile, area, thing, inApp, withContext, random);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFrame(Utf8JsonWriter json, EventProfile profile, string area, string thing, bool inApp, bool withContext, Random random)
    {
        json.WriteStartObject();
        var line = random.Next(12, 480);
        if (inApp)
        {
            var verb = EventVocabulary.Verbs[random.Next(EventVocabulary.Verbs.Length)];
            var type = $"Shop.{area}.{thing}{(random.Next(2) == 0 ? "Service" : "Repository")}";
            json.WriteString("function", profile.VerboseFrames
                ? $"Task<{thing}> {verb}{thing}Async(Guid id, CancellationToken cancellationToken)"
                : $"{verb}{thing}Async");
            json.WriteString("module", type);
            var file = $"src/Shop.{area}/{type[(type.LastIndexOf('.') + 1)..]}.cs";
            json.WriteString("filename", file);
            if (profile.VerboseFrames)
            {
                json.WriteString("package", $"Shop.{area}, Version=4.12.0.0, Culture=neutral, PublicKeyToken=null");
                json.WriteString("abs_path", "/home/build/work/shop/" + file);
            }
        }
        else
        {
            var function = EventVocabulary.FrameworkFrames[random.Next(EventVocabulary.FrameworkFrames.Length)];
            var split = function.LastIndexOf('.');
            json.WriteString("function", function[(split + 1)..] + "()");
            json.WriteString("module", function[..split]);
            if (profile.VerboseFrames)
            {
                json.WriteString("package", function[..function.IndexOf('.', 10)] + ", Version=10.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60");
            }
        }

        json.WriteNumber("lineno", line);
        json.WriteNumber("colno", random.Next(5, 60));
        json.WriteBoolean("in_app", inApp);
        if (profile.ContextLines > 0 && withContext)
        {
            WriteContextLines(json, "pre_context", profile.ContextLines, random);
            json.WriteString("context_line", EventVocabulary.SourceLines[random.Next(EventVocabulary.SourceLines.Length)]);
            WriteContextLines(json, "post_context", profile.ContextLines, random);
        }

        if (profile.VerboseFrames)
        {
            json.WriteString("instruction_addr", string.Create(CultureInfo.InvariantCulture, $"0x{random.Next(0x10, 0x4000):x}"));
        }

        json.WriteEndObject();
    }

    // ISO 8601 in UTC with milliseconds, as the SDKs write it.
    public static string SentryTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void WriteContextLines(Utf8JsonWriter json, string name, int count, Random random)
    {
        json.WriteStartArray(name);
        for (var i = 0; i < count; i++)
        {
            json.WriteStringValue(EventVocabulary.SourceLines[random.Next(EventVocabulary.SourceLines.Length)]);
        }

        json.WriteEndArray();
    }
}
