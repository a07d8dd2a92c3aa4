using System.Text;
using AngleSharp.Html.Dom;

namespace Bugsink.Web.Tests.Features.Hardening;

// The name/value pairs a browser would submit for a form as the page rendered it, and a body with one
// field replaced by an already-encoded hostile value.
public static class FormFields
{
    public static List<(string Name, string Value)> Of(IHtmlFormElement form)
    {
        var fields = new List<(string, string)>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when box.IsChecked:
                    fields.Add((name, box.Value));
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" or "submit" or "button" or "file" }:
                    break;
                case IHtmlInputElement input:
                    fields.Add((name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add((name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add((name, area.Value));
                    break;
                case IHtmlButtonElement:
                    break;
            }
        }

        return fields;
    }

    // One submission per named submit button that does not destroy (each with its name=value, as a
    // browser sends the button clicked), or one without a button; none when the form itself destroys.
    public static IEnumerable<(Uri Target, List<(string Name, string Value)> Fields)> Submissions(Uri page, IHtmlFormElement form, IReadOnlyList<string> destructive)
    {
        bool Destroys(string? text) => text is not null && destructive.Any(word => text.Contains(word, StringComparison.OrdinalIgnoreCase));
        var target = new Uri(page, form.GetAttribute("action") ?? "");
        if (Destroys(target.PathAndQuery) || Destroys(form.ClassName))
        {
            yield break;
        }

        var buttons = form.QuerySelectorAll("button, input[type=submit]").ToList();
        var named = buttons.Where(b => !string.IsNullOrEmpty(b.GetAttribute("name"))).ToList();
        if (named.Count == 0)
        {
            if (!buttons.Any(b => Destroys(b.TextContent) || Destroys(b.GetAttribute("value")) || Destroys(b.ClassName)))
            {
                yield return (target, Of(form));
            }

            yield break;
        }

        foreach (var button in named.Where(b => !Destroys(b.GetAttribute("value")) && !Destroys(b.TextContent) && !Destroys(b.ClassName)))
        {
            var buttonTarget = button.GetAttribute("formaction") is { } action ? new Uri(page, action) : target;
            yield return (buttonTarget, [.. Of(form), (button.GetAttribute("name")!, button.GetAttribute("value") ?? "")]);
        }
    }

    // The form's own target with each of its query parameters in turn set to the hostile value.
    public static IEnumerable<Uri> WithHostileQuery(Uri target, string encodedHostile)
    {
        var pairs = target.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < pairs.Length; i++)
        {
            var name = pairs[i].Split('=')[0];
            if (name == "handler")
            {
                continue;
            }

            var query = string.Join("&", pairs.Select((pair, j) => j == i ? name + "=" + encodedHostile : pair));
            yield return new Uri(target.GetLeftPart(UriPartial.Path) + "?" + query);
        }
    }

    // Every named field, also unchecked boxes the browser would leave out: each gets the hostile values.
    public static IReadOnlyList<string> Names(IHtmlFormElement form) =>
        [.. form.Elements.Select(e => e.GetAttribute("name")).OfType<string>().Where(n => n.Length > 0).Distinct()];

    public static string Encode(List<(string Name, string Value)> fields, string hostileName, string encodedHostile)
    {
        var body = new StringBuilder();
        var replaced = false;
        foreach (var (name, value) in fields)
        {
            if (body.Length > 0)
            {
                body.Append('&');
            }

            body.Append(Uri.EscapeDataString(name)).Append('=');
            if (name == hostileName && !replaced)
            {
                body.Append(encodedHostile);
                replaced = true;
            }
            else
            {
                body.Append(Uri.EscapeDataString(value));
            }
        }

        if (!replaced)
        {
            body.Append(body.Length > 0 ? "&" : "").Append(Uri.EscapeDataString(hostileName)).Append('=').Append(encodedHostile);
        }

        return body.ToString();
    }
}
