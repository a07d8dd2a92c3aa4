using System.Text.Json;
using Bugsink.E2E.Data;
using Bugsink.E2E.Sdks;

namespace Bugsink.E2E.Checks;

// The scenario items of one SDK, each checked against what the server stored (ProjectData) and what the
// SDK itself reported (SdkRun). Each item is one line of the report and one count in the totals.
public sealed partial class ScenarioChecks(SdkSpec spec, SdkRun? run, ProjectData? data, byte[] attachment)
{
    private static readonly JsonElement NoEvent = JsonDocument.Parse("{}").RootElement;

    private string? _notRun;
    private bool _requireAll;

    private SdkRun Run => run!;

    private ProjectData Data => data!;

    // An SDK whose tools are missing: each item fails under BUGSINK_REQUIRE_ALL_TESTS=1, else is not counted.
    public static IEnumerable<CheckResult> NotRun(SdkSpec spec, string missing, bool requireAll) =>
        new ScenarioChecks(spec, null, null, []) { _notRun = $"not run: missing {missing}", _requireAll = requireAll }.Evaluate();

    public IEnumerable<CheckResult> Evaluate()
    {
        yield return Item("program ran", ProgramRan);
        yield return spec.HandledException is { } handled
            ? Item("handled exception with chained cause", p => CheckException(handled, p))
            : CheckResult.NotApplicable(spec.Name, "handled exception with chained cause", "covered by the dotnet console program");
        yield return spec.UnhandledException is { } unhandled
            ? Item("unhandled exception", p => CheckException(unhandled, p))
            : CheckResult.NotApplicable(spec.Name, "unhandled exception", "the SDK cannot report one");
        yield return spec.Message is { } message
            ? Item("message with parameters", p => CheckMessage(message, p))
            : CheckResult.NotApplicable(spec.Name, "message with parameters", "not sent");
        yield return Item("breadcrumbs", Breadcrumbs);
        yield return Item("user", User);
        yield return Item("tags", Tags);
        yield return Item("release and environment", ReleaseAndEnvironment);
        yield return spec.SendsAttachment
            ? Item("attachment stored byte-identical", Attachment)
            : CheckResult.NotApplicable(spec.Name, "attachment stored byte-identical", spec.Name == "aspnetcore" ? "covered by the dotnet console program" : "not supported");
        yield return spec.SendsFeedback
            ? Item("user feedback", Feedback)
            : CheckResult.NotApplicable(spec.Name, "user feedback", spec.Name == "python"
                ? "python3-sentry-sdk 1.9 has no user-feedback API"
                : "covered by the dotnet console program");
        yield return Item("every event the SDK sent is stored", EventsStored);
        yield return Item($"accepted: {string.Join(", ", spec.AcceptedItemTypes)}", AcceptedItems);
        yield return Item("no failed send, no loss in client reports", NoFailedSend);
        if (spec.IsBrowser)
        {
            yield return Item("CORS: cross-origin sends answered with Allow-Origin", Cors);
        }

        if (spec.UsesStoreEndpoint)
        {
            yield return Item("legacy /store/ endpoint used and answered 200", StoreEndpoint);
        }
    }

    private CheckResult Item(string name, Action<List<string>> check)
    {
        if (_notRun is not null)
        {
            return new CheckResult(spec.Name, name, _requireAll ? false : null, [_notRun]) { Skipped = !_requireAll };
        }

        var problems = new List<string>();
        try
        {
            check(problems);
        }
        catch (Exception exception) when (exception is InvalidOperationException or JsonException or KeyNotFoundException or FormatException)
        {
            problems.Add($"check crashed: {exception.Message}");
        }

        return new CheckResult(spec.Name, name, problems.Count == 0, problems);
    }

    private void ProgramRan(List<string> problems)
    {
        if (Run.TimedOut)
        {
            problems.Add($"timed out after {Run.Elapsed.TotalSeconds:0} s");
        }
        else if (spec.EndsWithUncaughtException ? Run.ExitCode == 0 : Run.ExitCode != 0)
        {
            problems.Add($"exit code {Run.ExitCode} (expected {(spec.EndsWithUncaughtException ? "non-zero: it ends with an uncaught exception" : "0")})");
        }

        problems.AddRange(Run.FatalLines);
    }

    private void CheckException(ExceptionExpectation expected, List<string> problems)
    {
        if (FindIssue(expected.Title, problems) is not { } issue)
        {
            return;
        }

        CheckIssue(issue, expected.Level, expected.Culprit, problems);
        var e = SingleEvent(issue, problems);
        Expect(problems, "event level", expected.Level, Json.Str(e, "level"));
        var values = Json.Values(e, "exception");
        var types = values.Select(v => Json.Str(v, "type") ?? "").ToList();
        if (!types.SequenceEqual(expected.Chain))
        {
            problems.Add($"exception chain is [{string.Join(", ", types)}], expected [{string.Join(", ", expected.Chain)}]");
            return;
        }

        var main = values[^1];
        if (!(Json.Str(main, "value") ?? "").Contains(spec.Marker, StringComparison.Ordinal))
        {
            problems.Add($"main exception value '{Json.Str(main, "value")}' lacks the marker");
        }

        var handled = Json.Get(main, "mechanism", "handled");
        if (expected.Handled ? handled is { ValueKind: JsonValueKind.False } : handled is not { ValueKind: JsonValueKind.False })
        {
            problems.Add($"mechanism.handled is {handled?.GetRawText() ?? "absent"}, expected {(expected.Handled ? "true or absent" : "false")}");
        }

        if (!expected.Handled)
        {
            ExpectIssueTag(issue, "handled", "no", problems);
        }

        CheckFrames("main exception", main, expected.Functions, problems);
        if (expected.CauseFunctions.Count > 0)
        {
            var cause = values[^2];
            if (!(Json.Str(cause, "value") ?? "").Contains($"E2E cause {spec.Marker}", StringComparison.Ordinal))
            {
                problems.Add($"cause value is '{Json.Str(cause, "value")}'");
            }

            CheckFrames("cause", cause, expected.CauseFunctions, problems);
        }
    }

    private static void CheckFrames(string which, JsonElement exception, IReadOnlyList<string> functions, List<string> problems)
    {
        var frames = Json.Frames(exception);
        if (frames.Count == 0)
        {
            problems.Add($"{which} has no stack trace");
            return;
        }

        foreach (var function in functions)
        {
            var matching = frames.Where(f => (Json.Str(f, "function") ?? "").Contains(function, StringComparison.Ordinal)).ToList();
            if (matching.Count == 0)
            {
                problems.Add($"{which}: no frame for function '{function}' (functions: {string.Join(" | ", frames.Select(f => Json.Str(f, "function")))})");
            }
            else if (!matching.Any(f => Json.Get(f, "in_app") is { ValueKind: JsonValueKind.True }))
            {
                problems.Add($"{which}: the frame of '{function}' is not marked in_app");
            }
        }
    }

    private void CheckMessage(MessageExpectation expected, List<string> problems)
    {
        if (FindIssue(expected.Title, problems) is not { } issue)
        {
            return;
        }

        CheckIssue(issue, expected.Level, culprit: null, problems);
        var e = SingleEvent(issue, problems);
        Expect(problems, "event level", expected.Level, Json.Str(e, "level"));
        var logEntry = Json.Get(e, "logentry") ?? Json.Get(e, "message");
        if (logEntry is not { ValueKind: JsonValueKind.Object } entry)
        {
            problems.Add("the event has no logentry/message object");
            return;
        }

        Expect(problems, "logentry.message (the template)", expected.Template, Json.Str(entry, "message"));
        var parameters = Json.Get(entry, "params")?.GetRawText() ?? "";
        var formatted = Json.Str(entry, "formatted") ?? "";
        if (!parameters.Contains(spec.Marker, StringComparison.Ordinal) && !formatted.Contains(spec.Marker, StringComparison.Ordinal))
        {
            problems.Add($"neither params ({parameters}) nor formatted ('{formatted}') carry the marker");
        }
    }

    private StoredIssue? FindIssue(string title, List<string> problems)
    {
        var matches = Data.Issues.Where(i => i.Title == title).ToList();
        if (matches.Count == 1)
        {
            return matches[0];
        }

        var all = string.Join("; ", Data.Issues.Select(i => $"'{i.Title}' ({i.Level}, culprit '{i.Culprit}')"));
        problems.Add(matches.Count == 0 ? $"no issue titled '{title}'; the project's issues: {all}" : $"{matches.Count} issues titled '{title}' (expected one)");
        return null;
    }

    private static void CheckIssue(StoredIssue issue, string level, string? culprit, List<string> problems)
    {
        Expect(problems, "issue level", level, issue.Level);
        // The .NET SDK sends a frame's file as an absolute path or as a bare name, depending on the build.
        if (culprit is not null && issue.Culprit != culprit && issue.Culprit?.EndsWith("/" + culprit, StringComparison.Ordinal) != true)
        {
            Expect(problems, "issue culprit", culprit, issue.Culprit);
        }
    }

    private JsonElement SingleEvent(StoredIssue issue, List<string> problems)
    {
        var events = Data.EventsOf(issue).ToList();
        if (events.Count != 1 || issue.EventCount != 1)
        {
            problems.Add($"issue '{issue.Title}' has {events.Count} stored events and an event count of {issue.EventCount}, expected 1");
        }

        return events.Count > 0 ? events[0].Data : NoEvent;
    }

    // The scenario's events: each SDK has a project of its own, so that is every event stored in it.
    private void ForEachEvent(List<string> problems, Action<string, JsonElement> check)
    {
        if (Data.Events.Count == 0)
        {
            problems.Add("no events stored for this SDK");
        }

        foreach (var e in Data.Events)
        {
            var issue = Data.Issues.FirstOrDefault(i => i.Id == e.IssueId);
            check($"'{Clip(issue?.Title ?? e.EventId, 60)}'", e.Data);
        }
    }

    private void ForEachScenarioIssue(Action<StoredIssue> check)
    {
        if (Data.IssueTags is null)
        {
            return;
        }

        foreach (var issue in Data.Issues)
        {
            check(issue);
        }
    }

    private void ExpectIssueTag(StoredIssue issue, string key, string value, List<string> problems)
    {
        if (Data.IssueTags is null)
        {
            return;
        }

        var tags = Data.IssueTags.GetValueOrDefault(issue.Id) ?? [];
        if (!tags.Any(t => t.Key == key && t.Value == value))
        {
            var have = tags.Where(t => t.Key == key).Select(t => t.Value).ToList();
            problems.Add($"issue '{Clip(issue.Title, 60)}': tag {key}={value} not counted (has {(have.Count == 0 ? "none" : string.Join(", ", have))})");
        }
    }

    private string? HandledEventId(List<string> problems)
    {
        if (spec.HandledException is not { } handled || Data.Issues.FirstOrDefault(i => i.Title == handled.Title) is not { } issue)
        {
            problems.Add("the handled exception's issue is missing, so nothing to link to");
            return null;
        }

        return Data.EventsOf(issue).Select(e => Json.NormalizeId(e.EventId)).FirstOrDefault();
    }

    private static void Expect(List<string> problems, string what, string expected, string? actual)
    {
        if (actual != expected)
        {
            problems.Add($"{what} is {(actual is null ? "absent" : $"'{actual}'")}, expected '{expected}'");
        }
    }

    private static string Clip(string text, int length) => text.Length > length ? text[..length] + "…" : text;
}
