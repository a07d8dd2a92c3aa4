using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Bugsink.Benchmarks.Payloads;

// The parts of an event around the exception. They carry most of a real event's bytes and none of its
// grouping, so they are what makes the payload sizes realistic.
public static class EventDetailsWriter
{
    public static Guid RandomGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    public static void WriteBreadcrumbs(Utf8JsonWriter json, EventProfile profile, string area, Random random, DateTimeOffset now)
    {
        json.WriteStartObject("breadcrumbs");
        json.WriteStartArray("values");
        for (var i = 0; i < profile.Breadcrumbs; i++)
        {
            var category = EventVocabulary.BreadcrumbCategories[(i + random.Next(2)) % EventVocabulary.BreadcrumbCategories.Length];
            json.WriteStartObject();
            json.WriteString("timestamp", SentryEventWriter.SentryTimestamp(now.AddMilliseconds(-(profile.Breadcrumbs - i) * 37)));
            json.WriteString("category", category);
            json.WriteString("level", i % 7 == 6 ? "warning" : "info");
            if (category == "http")
            {
                json.WriteString("type", "http");
                json.WriteStartObject("data");
                json.WriteString("url", Invariant($"https://{area.ToLowerInvariant()}.internal.example.com/v2/items/{random.Next(100000)}"));
                json.WriteString("method", random.Next(3) == 0 ? "POST" : "GET");
                json.WriteString("status_code", random.Next(10) == 0 ? "503" : "200");
                json.WriteEndObject();
            }
            else if (category.StartsWith("Microsoft.", StringComparison.Ordinal))
            {
                json.WriteString("message", Invariant(
                    $"Executed DbCommand ({random.Next(1, 40)}ms) [Parameters=[@p0='{random.Next(100000)}'], CommandType='Text', CommandTimeout='30'] SELECT o.\"Id\", o.\"Status\" FROM \"{area}\" AS o WHERE o.\"Id\" = @p0"));
            }
            else
            {
                json.WriteString("message", Invariant($"{category}: {area.ToLowerInvariant()} step {random.Next(1, 9)} done in {random.Next(1, 300)}ms"));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteTags(Utf8JsonWriter json, string area, Random random)
    {
        json.WriteStartObject("tags");
        json.WriteString("area", area);
        json.WriteString("region", random.Next(2) == 0 ? "eu-west-1" : "us-east-2");
        json.WriteString("tenant", Invariant($"tenant-{random.Next(40)}"));
        json.WriteString("http.method", "POST");
        json.WriteString("feature_flag.new_checkout", random.Next(2) == 0 ? "on" : "off");
        json.WriteString("TraceIdentifier", Invariant($"0HN{random.Next(100000, 999999)}:0000000{random.Next(1, 9)}"));
        json.WriteEndObject();
    }

    public static void WriteContexts(Utf8JsonWriter json, Random random)
    {
        json.WriteStartObject("contexts");
        json.WriteStartObject("os");
        json.WriteString("name", "Linux");
        json.WriteString("version", "6.1.0-28-amd64");
        json.WriteString("raw_description", "Debian GNU/Linux 12 (bookworm)");
        json.WriteEndObject();
        json.WriteStartObject("runtime");
        json.WriteString("name", ".NET");
        json.WriteString("version", "10.0.0");
        json.WriteString("raw_description", ".NET 10.0.0");
        json.WriteString("identifier", "debian.12-x64");
        json.WriteEndObject();
        json.WriteStartObject("device");
        json.WriteString("timezone", "UTC");
        json.WriteNumber("processor_count", 4);
        json.WriteString("cpu_description", "AMD EPYC 7B13");
        json.WriteNumber("memory_size", 8_329_814_016L);
        json.WriteString("boot_time", "2025-06-01T04:12:55.000Z");
        json.WriteEndObject();
        json.WriteStartObject("trace");
        json.WriteString("trace_id", RandomGuid(random).ToString("N"));
        json.WriteString("span_id", RandomGuid(random).ToString("N")[..16]);
        json.WriteString("op", "http.server");
        json.WriteString("status", "internal_error");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void WriteUser(Utf8JsonWriter json, Random random)
    {
        var id = random.Next(1, 500_000);
        json.WriteStartObject("user");
        json.WriteString("id", id.ToString(CultureInfo.InvariantCulture));
        json.WriteString("username", Invariant($"customer{id}"));
        json.WriteString("email", Invariant($"customer{id}@example.org"));
        json.WriteString("ip_address", Invariant($"10.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}"));
        json.WriteEndObject();
    }

    public static void WriteRequest(Utf8JsonWriter json, EventProfile profile, string thing, Random random)
    {
        json.WriteStartObject("request");
        json.WriteString("url", Invariant($"https://shop.example.com/api/{thing.ToLowerInvariant()}s/{random.Next(100000)}"));
        json.WriteString("method", "POST");
        json.WriteString("query_string", Invariant($"?expand=lines&page={random.Next(1, 20)}"));
        json.WriteStartObject("headers");
        json.WriteString("Accept", "application/json");
        json.WriteString("Content-Type", "application/json; charset=utf-8");
        json.WriteString("Host", "shop.example.com");
        json.WriteString("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36");
        json.WriteString("X-Request-ID", RandomGuid(random).ToString());
        json.WriteEndObject();
        if (profile.ExtraBlobs > 0)
        {
            json.WriteString("data", RandomText(random, profile.ExtraBlobLength));
        }

        json.WriteEndObject();
    }

    public static void WriteExtraAndModules(Utf8JsonWriter json, EventProfile profile, Random random)
    {
        json.WriteStartObject("extra");
        json.WriteString("correlation_id", RandomGuid(random).ToString());
        for (var i = 0; i < profile.ExtraBlobs; i++)
        {
            json.WriteString(Invariant($"state_dump_{i}"), RandomText(random, profile.ExtraBlobLength));
        }

        json.WriteEndObject();
        if (profile.Modules == 0)
        {
            return;
        }

        json.WriteStartObject("modules");
        for (var i = 0; i < profile.Modules; i++)
        {
            var area = EventVocabulary.Areas[i % EventVocabulary.Areas.Length];
            var thing = EventVocabulary.Things[i / EventVocabulary.Areas.Length % EventVocabulary.Things.Length];
            json.WriteString(Invariant($"Vendor.{area}.{thing}.Abstractions"), Invariant($"{i % 9 + 1}.{i % 13}.{i % 5}.0"));
        }

        json.WriteEndObject();
    }

    // Text that compresses about as well as real state dumps (some repetition, mostly words and numbers).
    private static string RandomText(Random random, int length)
    {
        var text = new StringBuilder(length + 32);
        while (text.Length < length)
        {
            text.Append(EventVocabulary.Things[random.Next(EventVocabulary.Things.Length)])
                .Append('=').Append(random.Next(1_000_000).ToString(CultureInfo.InvariantCulture)).Append("; ");
        }

        return text.ToString(0, length);
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
