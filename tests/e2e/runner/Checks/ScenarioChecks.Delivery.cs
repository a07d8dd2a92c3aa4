using System.Text.Json;

namespace Bugsink.E2E.Checks;

// The checks on what travelled beside the events: attachments, feedback, stored counts, accepted
// item types, failed sends, CORS and the legacy /store/ endpoint.
public sealed partial class ScenarioChecks
{
    private void Attachment(List<string> problems)
    {
        if (Data.Attachments is null)
        {
            problems.Add("attachments cannot be read from this source");
            return;
        }

        var handledId = HandledEventId(problems);
        var stored = Data.Attachments.Where(a => a.ItemType == "attachment" && a.Filename == "e2e-attachment.bin").ToList();
        if (stored.Count != 1)
        {
            problems.Add($"{stored.Count} attachments named e2e-attachment.bin are stored (expected 1); all: [{string.Join(", ", Data.Attachments.Select(a => $"{a.ItemType}:{a.Filename}"))}]");
            return;
        }

        if (handledId is not null && Json.NormalizeId(stored[0].EventId) != handledId)
        {
            problems.Add($"the attachment is linked to event {stored[0].EventId}, not to the handled exception's event {handledId}");
        }

        if (!stored[0].Data.AsSpan().SequenceEqual(attachment))
        {
            var firstDifference = stored[0].Data.Zip(attachment).TakeWhile(pair => pair.First == pair.Second).Count();
            problems.Add($"stored bytes differ: {stored[0].Data.Length} stored vs {attachment.Length} sent, first difference at byte {firstDifference}");
        }
    }

    private void Feedback(List<string> problems)
    {
        if (Data.Attachments is null)
        {
            problems.Add("feedback cannot be read from this source");
            return;
        }

        var handledId = HandledEventId(problems);
        var expectedMessage = $"E2E feedback {spec.Marker}";
        var found = false;
        foreach (var item in Data.Attachments.Where(a => a.ItemType is "feedback" or "user_report"))
        {
            using var document = JsonDocument.Parse(item.Data);
            var root = document.RootElement;
            var (message, email, name, associated) = item.ItemType == "feedback"
                ? (Json.Str(root, "contexts", "feedback", "message"), Json.Str(root, "contexts", "feedback", "contact_email"),
                    Json.Str(root, "contexts", "feedback", "name"), Json.Str(root, "contexts", "feedback", "associated_event_id"))
                : (Json.Str(root, "comments"), Json.Str(root, "email"), Json.Str(root, "name"), Json.Str(root, "event_id"));
            if (message != expectedMessage)
            {
                continue;
            }

            found = true;
            Expect(problems, "feedback contact email", "e2e-feedback@example.com", email);
            Expect(problems, "feedback name", "E2E Feedback User", name);
            if (handledId is not null && Json.NormalizeId(associated) != handledId)
            {
                problems.Add($"feedback names event {associated ?? "none"}, not the handled exception's event {handledId}");
            }
        }

        if (!found)
        {
            problems.Add($"no stored feedback or user_report with message '{expectedMessage}' ({Data.Attachments.Count(a => a.ItemType is "feedback" or "user_report")} feedback items stored)");
        }
    }

    private void EventsStored(List<string> problems)
    {
        var stored = Data.Events.Select(e => Json.NormalizeId(e.EventId)).ToHashSet(StringComparer.Ordinal);
        if (Run.Events.Count == 0)
        {
            problems.Add("the program reported no events (no E2E_EVENT lines)");
        }

        foreach (var reported in Run.Events)
        {
            var scenario = Json.Str(reported, "case");
            var id = Json.NormalizeId(Json.Str(reported, "event_id"));
            if (scenario == "dropped" ? stored.Contains(id) : !stored.Contains(id))
            {
                problems.Add(scenario == "dropped" ? $"event {id} was dropped by beforeSend yet is stored" : $"{scenario} event {id} is not stored");
            }
        }
    }

    private void AcceptedItems(List<string> problems)
    {
        foreach (var type in spec.AcceptedItemTypes)
        {
            var sends = Run.Sends.Where(s => Json.Get(s, "types") is { } types && types.EnumerateArray().Any(t => t.GetString() == type)).ToList();
            if (sends.Count == 0)
            {
                problems.Add($"the SDK sent no {type} item");
            }
            else if (sends.Any(s => Json.Str(s, "status") != "200"))
            {
                problems.Add($"a {type} item was answered {string.Join(", ", sends.Select(s => Json.Str(s, "status") ?? Json.Str(s, "error")))}");
            }

            if (Data.DroppedItems is { } counted && counted.GetValueOrDefault(type) == 0)
            {
                problems.Add($"the server counted no {type} item for this project (counts: {string.Join(", ", counted.Select(c => $"{c.Key}={c.Value}"))})");
            }
        }
    }

    private void NoFailedSend(List<string> problems)
    {
        if (Run.Sends.Count == 0)
        {
            problems.Add("the program reported no sends (no E2E_SEND lines)");
        }

        foreach (var send in Run.Sends)
        {
            if (Json.Str(send, "status") != "200")
            {
                problems.Add($"send of [{Json.Get(send, "types")?.GetRawText()}] got {Json.Str(send, "status") ?? "no answer"} {Json.Str(send, "error")}");
            }

            foreach (var outcome in Json.Get(send, "discarded")?.EnumerateArray() ?? default)
            {
                if (Json.Str(outcome, "reason") != "before_send")
                {
                    problems.Add($"client report records a loss: {outcome.GetRawText()}");
                }
            }
        }

        foreach (var pattern in spec.FailurePatterns)
        {
            foreach (var line in Run.Output.Split('\n').Where(l => pattern.IsMatch(l)).Take(3))
            {
                problems.Add($"SDK log: {Clip(line.Trim(), 200)}");
            }
        }
    }

    private void Cors(List<string> problems)
    {
        var page = Run.Network.Where(n => Json.Str(n, "phase") == "page").ToList();
        if (page.Count == 0)
        {
            problems.Add("Chromium made no request to the server (no E2E_NET lines)");
        }

        foreach (var request in page)
        {
            if (Json.Str(request, "status") != "200" || Json.Str(request, "allowOrigin") != "*")
            {
                problems.Add($"{Json.Str(request, "method")} {Json.Str(request, "path")} [{Json.Get(request, "types")?.GetRawText()}]: " +
                    $"status {Json.Str(request, "status") ?? Json.Str(request, "error")}, Access-Control-Allow-Origin {Json.Str(request, "allowOrigin") ?? "missing"}");
            }
        }

        if (!Run.Output.Contains("E2E_INFO page origin http://127.0.0.1:", StringComparison.Ordinal))
        {
            problems.Add("the page origin was not reported");
        }
    }

    private void StoreEndpoint(List<string> problems)
    {
        var store = Run.Sends.Where(s => Json.Str(s, "endpoint") == "store").ToList();
        if (store.Count == 0)
        {
            problems.Add("the SDK posted nothing to /store/");
        }
        else if (store.Any(s => Json.Str(s, "status") != "200"))
        {
            problems.Add($"/store/ answered {string.Join(", ", store.Select(s => Json.Str(s, "status") ?? Json.Str(s, "error")))}");
        }
    }
}
