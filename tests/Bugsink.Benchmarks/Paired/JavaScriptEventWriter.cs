using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Bugsink.Benchmarks.Payloads;

namespace Bugsink.Benchmarks.Paired;

// An error as @sentry/browser sends it from the minified bundle: a TypeError thrown five calls deep, every
// frame in app.min.js on line 1, release and URL as sentry-cli's release upload expects (no debug IDs).
// Group g gets its own value (words only: the server normalises numbers out of grouping keys).
public static class JavaScriptEventWriter
{
    public const string Release = "bench-web@1.0.0";

    public static (string, string, string, string) GroupWords(int group)
    {
        var (area, problem, thing) = EventVocabulary.GroupWords(group);
        return (area, problem, thing, EventVocabulary.Verbs[group / EventVocabulary.MaxDistinctGroups % EventVocabulary.Verbs.Length]);
    }

    public static int MaxDistinctGroups => EventVocabulary.MaxDistinctGroups * EventVocabulary.Verbs.Length;

    public static byte[] Write(JavaScriptBundle bundle, int group, Random random, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var (area, problem, thing, verb) = GroupWords(group);
            json.WriteStartObject();
            json.WriteString("event_id", EnvelopeTemplate.PlaceholderId);
            json.WriteNumber("timestamp", now.AddMilliseconds(-random.Next(5000)).ToUnixTimeMilliseconds() / 1000.0);
            json.WriteString("platform", "javascript");
            json.WriteString("level", "error");
            json.WriteString("release", Release);
            json.WriteString("environment", "production");
            json.WriteStartObject("exception");
            json.WriteStartArray("values");
            json.WriteStartObject();
            json.WriteString("type", "TypeError");
            json.WriteString("value", $"Cannot read properties of undefined (reading '{verb.ToLowerInvariant()}{problem}{thing}{area}')");
            json.WriteStartObject("stacktrace");
            json.WriteStartArray("frames");
            // Outermost first, as Sentry orders frames; the crash frame (last) depends on the group.
            for (var depth = 4; depth >= 0; depth--)
            {
                var function = (group * 7 + depth * 31) % bundle.Functions;
                json.WriteStartObject();
                json.WriteString("filename", JavaScriptBundle.Url);
                json.WriteString("function", JavaScriptBundle.MinifiedName(function));
                json.WriteNumber("lineno", 1);
                json.WriteNumber("colno", bundle.ThrowColumn(function));
                json.WriteBoolean("in_app", true);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("mechanism");
            json.WriteString("type", "onerror");
            json.WriteBoolean("handled", false);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("request");
            json.WriteString("url", $"https://bench.example/{area.ToLowerInvariant()}/{random.Next(1, 100_000).ToString(CultureInfo.InvariantCulture)}");
            json.WriteStartObject("headers");
            json.WriteString("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("sdk");
            json.WriteString("name", "sentry.javascript.browser");
            json.WriteString("version", "9.10.0");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
