using System.Globalization;
using System.Text;

namespace Bugsink.Web.Tests.Features.PayloadDictionaries;

// Events shaped like a .NET SDK's: an exception with a stack trace, contexts and tags, varying in the
// parts that vary between real events (ids, line numbers, messages, frames), so a trained dictionary
// has to learn structure rather than memorise one event.
internal static class RealisticEvents
{
    private static readonly string[] Types = ["System.InvalidOperationException", "System.NullReferenceException", "System.IO.IOException", "System.TimeoutException"];
    private static readonly string[] Modules = ["Shop.Orders", "Shop.Billing", "Shop.Catalog", "Shop.Shipping", "Shop.Accounts"];
    private static readonly string[] Verbs = ["Load", "Save", "Apply", "Validate", "Render", "Dispatch", "Compute"];

    public static string Create(string eventId, int seed)
    {
        var random = new Random(seed);
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $$"""{"event_id":"{{eventId}}","timestamp":"2026-11-27T01:{{random.Next(10, 59)}}:{{random.Next(10, 59)}}.{{random.Next(100, 999)}}Z","platform":"csharp","level":"error","release":"shop@1.{{random.Next(0, 9)}}.0","environment":"production","server_name":"web-{{random.Next(1, 9)}}",""");
        json.Append(CultureInfo.InvariantCulture, $$"""
            "exception":{"values":[{"type":"{{Types[random.Next(Types.Length)]}}","value":"Order {{random.Next(1000, 99999)}} could not be processed after {{random.Next(1, 9)}} attempts","module":"System.Private.CoreLib","mechanism":{"type":"generic","handled":false},"stacktrace":{"frames":[
            """);
        var frames = random.Next(10, 25);
        for (var i = 0; i < frames; i++)
        {
            var module = Modules[random.Next(Modules.Length)];
            var verb = Verbs[random.Next(Verbs.Length)];
            json.Append(CultureInfo.InvariantCulture, $$"""{"filename":"/src/{{module.Replace('.', '/')}}/{{verb}}Handler.cs","function":"{{module}}.{{verb}}Handler.{{verb}}Async(CancellationToken cancellationToken)","module":"{{module}}","lineno":{{random.Next(10, 400)}},"colno":{{random.Next(1, 60)}},"in_app":{{(i % 3 == 0 ? "false" : "true")}},"pre_context":["    {","        var result = await _repository.{{verb}}Async(id, cancellationToken);"],"context_line":"        throw new InvalidOperationException(message);","post_context":["    }",""]}""");
            json.Append(i + 1 < frames ? "," : "");
        }

        json.Append("]}}]},");
        json.Append(CultureInfo.InvariantCulture, $$$"""
            "tags":{"customer":"c{{{random.Next(1, 500)}}}","region":"eu-west-{{{random.Next(1, 3)}}}"},"user":{"id":"{{{random.Next(1, 100000)}}}","ip_address":"10.0.{{{random.Next(0, 255)}}}.{{{random.Next(1, 255)}}}"},
            "contexts":{"os":{"name":"Linux","version":"6.1.0-{{{random.Next(10, 30)}}}-amd64"},"runtime":{"name":".NET","version":"10.0.{{{random.Next(0, 9)}}}"},"app":{"app_start_time":"2026-11-27T00:00:00Z","app_memory":{{{random.Next(100_000_000, 900_000_000)}}}}},
            "sdk":{"name":"sentry.dotnet","version":"6.12.1","packages":[{"name":"nuget:sentry.dotnet","version":"6.12.1"}]},
            "breadcrumbs":[{"timestamp":"2026-11-27T01:00:00Z","category":"http","message":"GET /orders/{{{random.Next(1, 9999)}}}","level":"info"},{"timestamp":"2026-11-27T01:00:01Z","category":"db","message":"SELECT * FROM orders WHERE id = {{{random.Next(1, 9999)}}}","level":"info"}]}
            """);
        return json.ToString();
    }
}
