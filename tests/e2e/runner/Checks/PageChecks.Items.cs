using Bugsink.E2E.Pages;

namespace Bugsink.E2E.Checks;

// The page items: each compares what the page shows as text with what the SDK program sent.
public sealed partial class PageChecks
{
    private void IssueList(List<string> problems)
    {
        foreach (var expected in _expected)
        {
            var row = _listed.FirstOrDefault(r => r.Title == expected.Title);
            if (row.Title is null)
            {
                problems.Add(_missing.GetValueOrDefault(expected.Title) ?? $"'{expected.Title}' is not listed");
            }
            else if (row.Level != expected.Level)
            {
                problems.Add($"'{expected.Title}' is listed with level '{row.Level}', expected '{expected.Level}'");
            }
        }
    }

    private void TitleCulpritLevel(List<string> problems) => ForEachPage(problems, (expected, page, _) =>
    {
        Expect(problems, $"{expected.Case}: heading", $"{expected.Level} {expected.Title}", page.Heading);
        Expect(problems, $"{expected.Case}: level badge", expected.Level, page.Level);
        // As in the API check: the .NET SDK sends a frame's file as an absolute path or a bare name.
        if (expected.Exception is { } exception && page.Culprit != exception.Culprit && page.Culprit?.EndsWith("/" + exception.Culprit, StringComparison.Ordinal) != true)
        {
            Expect(problems, $"{expected.Case}: culprit", exception.Culprit, page.Culprit);
        }
    });

    private void ReleaseAndEnvironment(List<string> problems) => ForEachPage(problems, (expected, page, _) =>
    {
        var details = page.Details("Event");
        Expect(problems, $"{expected.Case}: Details › Event › Release", _spec.Release, details.GetValueOrDefault("Release"));
        Expect(problems, $"{expected.Case}: Details › Event › Environment", _spec.Environment, details.GetValueOrDefault("Environment"));
        if (!page.EventBar.Contains($"release {_spec.Release}", StringComparison.Ordinal) || !page.EventBar.Contains(_spec.Environment, StringComparison.Ordinal))
        {
            problems.Add($"{expected.Case}: the event bar '{page.EventBar}' does not name release {_spec.Release} and environment {_spec.Environment}");
        }

        ExpectTag(problems, expected, page, "release", _spec.Release);
        ExpectTag(problems, expected, page, "environment", _spec.Environment);
    });

    private void Tags(List<string> problems) => ForEachPage(problems, (expected, page, _) =>
    {
        var tags = page.Details("Tags");
        Expect(problems, $"{expected.Case}: Details › Tags › e2e.sdk", _spec.Name, tags.GetValueOrDefault("e2e.sdk"));
        Expect(problems, $"{expected.Case}: Details › Tags › e2e.marker", _spec.Marker, tags.GetValueOrDefault("e2e.marker"));
        if (!tags.ContainsKey("team"))
        {
            problems.Add($"{expected.Case}: Details › Tags has no team (has {string.Join(", ", tags.Keys)})");
        }

        ExpectTag(problems, expected, page, "e2e.sdk", _spec.Name);
        ExpectTag(problems, expected, page, "e2e.marker", _spec.Marker);
        ExpectTag(problems, expected, page, "level", expected.Level);
    });

    private void User(List<string> problems) => ForEachPage(problems, (expected, page, _) =>
    {
        var user = page.Details("User");
        Expect(problems, $"{expected.Case}: Details › User › id", "e2e-user-42", user.GetValueOrDefault("id"));
        Expect(problems, $"{expected.Case}: Details › User › email", "e2e-user@example.com", user.GetValueOrDefault("email"));
        Expect(problems, $"{expected.Case}: Details › User › username", "e2e-user", user.GetValueOrDefault("username"));
        ExpectTag(problems, expected, page, "user.id", "e2e-user-42");
        ExpectTag(problems, expected, page, "user.email", "e2e-user@example.com");
    });

    private void Breadcrumbs(List<string> problems) => ForEachPage(problems, (expected, page, _) =>
    {
        var ours = page.Breadcrumbs.Where(b => b.Category == "e2e.step").ToList();
        string[] messages = [$"E2E breadcrumb one {_spec.Marker}", $"E2E breadcrumb two {_spec.Marker}"];
        string[] levels = ["info", "warning"];
        if (!ours.Select(b => b.Message).SequenceEqual(messages))
        {
            problems.Add($"{expected.Case}: e2e.step breadcrumbs shown are [{string.Join(" | ", ours.Select(b => b.Message))}], expected both, in order");
            return;
        }

        for (var i = 0; i < 2; i++)
        {
            // A blank level cell is the default, info (the .NET SDK leaves it out).
            Expect(problems, $"{expected.Case}: breadcrumb {i + 1} level", levels[i], ours[i].Level.Length == 0 ? "info" : ours[i].Level);
        }
    });

    private void StackTraces(List<string> problems) => ForEachPage(problems, (expected, page, inAppOnly) =>
    {
        if (expected.Exception is not { } exception)
        {
            return;
        }

        // The page lists the outermost (main) exception first; the SDK chain runs from the first cause.
        var shown = page.Exceptions;
        var chain = exception.Chain.Reverse().ToList();
        if (!shown.Select(e => e.Type).SequenceEqual(chain))
        {
            problems.Add($"{expected.Case}: exceptions shown [{string.Join(", ", shown.Select(e => e.Type))}], expected [{string.Join(", ", chain)}]");
            return;
        }

        if (inAppOnly.Exceptions.Count != shown.Count)
        {
            problems.Add($"{expected.Case}: the in-app-only view shows {inAppOnly.Exceptions.Count} exceptions, the full view {shown.Count}");
            return;
        }

        if (!shown[0].Value.Contains(_spec.Marker, StringComparison.Ordinal))
        {
            problems.Add($"{expected.Case}: the exception value shown, '{shown[0].Value}', lacks the marker");
        }

        CheckFrames(problems, $"{expected.Case} main exception", shown[0], inAppOnly.Exceptions[0], exception.Functions);
        if (exception.CauseFunctions.Count > 0)
        {
            CheckFrames(problems, $"{expected.Case} cause", shown[1], inAppOnly.Exceptions[1], exception.CauseFunctions);
        }
    });

    // Each function is shown in a frame marked in-app, and the in-app-only view keeps it and nothing else.
    private static void CheckFrames(List<string> problems, string which, ExceptionBlock all, ExceptionBlock inAppOnly, IReadOnlyList<string> functions)
    {
        foreach (var function in functions)
        {
            var frames = all.Frames.Where(f => f.Function.Contains(function, StringComparison.Ordinal)).ToList();
            if (frames.Count == 0)
            {
                problems.Add($"{which}: no frame shows function '{function}' (shown: {string.Join(" | ", all.Frames.Select(f => f.Function))})");
            }
            else if (!frames.Any(f => f.InApp))
            {
                problems.Add($"{which}: the frame of '{function}' is not shown as in-app");
            }

            if (!inAppOnly.Frames.Any(f => f.Function.Contains(function, StringComparison.Ordinal)))
            {
                problems.Add($"{which}: the in-app-only view lacks '{function}'");
            }
        }

        if (inAppOnly.Frames.Any(f => !f.InApp))
        {
            problems.Add($"{which}: the in-app-only view shows frames not in-app: {string.Join(" | ", inAppOnly.Frames.Where(f => !f.InApp).Select(f => f.Function))}");
        }
    }

    private void Attachment(List<string> problems)
    {
        if (_download is not { } download)
        {
            problems.Add(_downloadProblem ?? "nothing was downloaded");
            return;
        }

        Expect(problems, "download Content-Type", "application/octet-stream", download.MediaType);
        Expect(problems, "download Content-Disposition", "attachment", download.Disposition);
        if (!download.Bytes.AsSpan().SequenceEqual(_attachment))
        {
            var firstDifference = download.Bytes.Zip(_attachment).TakeWhile(pair => pair.First == pair.Second).Count();
            problems.Add($"downloaded bytes differ: {download.Bytes.Length} downloaded vs {_attachment.Length} sent, first difference at byte {firstDifference}");
        }
    }

    private static void ExpectTag(List<string> problems, Expected expected, IssuePage page, string key, string value)
    {
        var shown = page.Tags.GetValueOrDefault(key) ?? [];
        if (!shown.Any(v => v.Value == value && v.Count == "1"))
        {
            problems.Add($"{expected.Case}: Tags panel {key} does not show {value} × 1 (shows {(shown.Count == 0 ? "nothing" : string.Join(", ", shown.Select(v => $"{v.Value} × {v.Count}")))})");
        }
    }

    private static void Expect(List<string> problems, string what, string expected, string? actual)
    {
        if (actual != expected)
        {
            problems.Add($"{what} is {(actual is null ? "absent" : $"'{actual}'")}, expected '{expected}'");
        }
    }
}
