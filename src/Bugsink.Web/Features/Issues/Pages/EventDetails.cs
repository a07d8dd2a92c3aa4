using System.Text.Json;

namespace Bugsink.Web.Features.Issues.Pages;

// The "Details" sections of an event: message, security (CSP) report, request, user, contexts, tags, SDK, release, modules, extra.
public static class EventDetails
{
    public static IReadOnlyList<DetailSection> Sections(JsonElement root)
    {
        var sections = new List<DetailSection>();
        Add(sections, "Message", Message(root));
        var csp = root.Prop("csp");
        Add(sections, "Security report", Rows(
            ("Document URL", csp.Prop("document_uri").Str()),
            ("Blocked URI", csp.Prop("blocked_uri").Str()),
            ("Directive", csp.Prop("effective_directive").Str()),
            ("Violated directive", csp.Prop("violated_directive").Str()),
            ("Source file", csp.Prop("source_file").Str()),
            ("Line", csp.Prop("line_number").Str()),
            ("Column", csp.Prop("column_number").Str()),
            ("Disposition", csp.Prop("disposition").Str()),
            ("Policy", csp.Prop("original_policy").Str()),
            ("Sample", csp.Prop("script_sample").Str())));
        var request = root.Prop("request");
        Add(sections, "Request", Rows(
            ("Method", request.Prop("method").Str()),
            ("URL", request.Prop("url").Str()),
            ("Query", request.Prop("query_string").Str()),
            ("Body", request.Prop("data").Str()),
            ("Cookies", request.Prop("cookies").Str())));
        Add(sections, "Request headers", request.Prop("headers").Pairs());
        Add(sections, "Request environment", request.Prop("env").Pairs());
        Add(sections, "User", root.Prop("user").Pairs());
        if (root.Prop("contexts") is { ValueKind: JsonValueKind.Object } contexts)
        {
            foreach (var context in contexts.EnumerateObject().Take(50))
            {
                Add(sections, "Context: " + context.Name, ((JsonElement?)context.Value).Pairs());
            }
        }

        Add(sections, "Tags", root.Prop("tags").Pairs());
        Add(sections, "Event", Rows(
            ("Release", root.Prop("release").Str()),
            ("Environment", root.Prop("environment").Str()),
            ("Level", root.Prop("level").Str()),
            ("Platform", root.Prop("platform").Str()),
            ("Logger", root.Prop("logger").Str()),
            ("Transaction", root.Prop("transaction").Str()),
            ("Server", root.Prop("server_name").Str()),
            ("Fingerprint", root.Prop("fingerprint").Str())));
        var sdk = root.Prop("sdk");
        Add(sections, "SDK", Rows(
            ("Name", sdk.Prop("name").Str()),
            ("Version", sdk.Prop("version").Str()),
            ("Integrations", sdk.Prop("integrations").Str()),
            ("Packages", sdk.Prop("packages").Str())));
        Add(sections, "Modules", root.Prop("modules").Pairs());
        Add(sections, "Extra", root.Prop("extra").Pairs());
        return sections;
    }

    private static List<KeyValuePair<string, string>> Message(JsonElement root)
    {
        var logentry = root.Prop("logentry") ?? root.Prop("sentry.interfaces.Message");
        var message = root.Prop("message");
        var formatted = logentry.Prop("formatted").Str() ?? logentry.Prop("message").Str()
            ?? (message?.ValueKind == JsonValueKind.Object ? message.Prop("formatted").Str() ?? message.Prop("message").Str() : message.Str());
        return Rows(
            ("Message", formatted),
            ("Template", logentry.Prop("formatted") is null ? null : logentry.Prop("message").Str()),
            ("Parameters", logentry.Prop("params").Str()));
    }

    private static List<KeyValuePair<string, string>> Rows(params (string Key, string? Value)[] rows) =>
        [.. rows.Where(r => r.Value is not null).Select(r => new KeyValuePair<string, string>(r.Key, r.Value!))];

    private static void Add(List<DetailSection> sections, string title, IReadOnlyList<KeyValuePair<string, string>> rows)
    {
        if (rows.Count > 0)
        {
            sections.Add(new DetailSection(title, rows));
        }
    }
}
