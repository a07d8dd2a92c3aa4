using System.Globalization;

namespace Bugsink.E2E.Checks;

// The checks on what the scenario set on its scope and the server must keep: breadcrumbs, the user,
// tags, release and environment, in each stored event and as the issue's tags.
public sealed partial class ScenarioChecks
{
    private void Breadcrumbs(List<string> problems) => ForEachEvent(problems, (label, e) =>
    {
        var crumbs = Json.Values(e, "breadcrumbs");
        var ours = crumbs.Where(c => Json.Str(c, "category") == "e2e.step").ToList();
        string[] messages = [$"E2E breadcrumb one {spec.Marker}", $"E2E breadcrumb two {spec.Marker}"];
        string[] levels = ["info", "warning"];
        if (ours.Count != 2 || !ours.Select(c => Json.Str(c, "message")).SequenceEqual(messages))
        {
            problems.Add($"{label}: e2e breadcrumbs are [{string.Join(" | ", ours.Select(c => Json.Str(c, "message")))}], expected both, in order");
            return;
        }

        for (var i = 0; i < 2; i++)
        {
            // No level means info (the .NET SDK leaves the default out).
            Expect(problems, $"{label}: breadcrumb {i + 1} level", levels[i], Json.Str(ours[i], "level") ?? "info");
            if (spec.BreadcrumbsCarryData)
            {
                Expect(problems, $"{label}: breadcrumb {i + 1} Data.step", (i + 1).ToString(CultureInfo.InvariantCulture), Json.Str(ours[i], "data", "step"));
            }

            if (Json.Get(ours[i], "timestamp") is null)
            {
                problems.Add($"{label}: breadcrumb {i + 1} has no timestamp");
            }
        }
    });

    private void User(List<string> problems)
    {
        ForEachEvent(problems, (label, e) =>
        {
            Expect(problems, $"{label}: user.id", "e2e-user-42", Json.Str(e, "user", "id"));
            Expect(problems, $"{label}: user.email", "e2e-user@example.com", Json.Str(e, "user", "email"));
            Expect(problems, $"{label}: user.username", "e2e-user", Json.Str(e, "user", "username"));
        });
        ForEachScenarioIssue(issue =>
        {
            ExpectIssueTag(issue, "user.id", "e2e-user-42", problems);
            ExpectIssueTag(issue, "user.email", "e2e-user@example.com", problems);
        });
    }

    private void Tags(List<string> problems)
    {
        ForEachEvent(problems, (label, e) =>
        {
            var tags = Json.Tags(e);
            Expect(problems, $"{label}: tag e2e.sdk", spec.Name, tags.GetValueOrDefault("e2e.sdk"));
            Expect(problems, $"{label}: tag e2e.marker", spec.Marker, tags.GetValueOrDefault("e2e.marker"));
            if (!tags.ContainsKey("team"))
            {
                problems.Add($"{label}: tag team missing");
            }
        });
        ForEachScenarioIssue(issue =>
        {
            ExpectIssueTag(issue, "e2e.sdk", spec.Name, problems);
            ExpectIssueTag(issue, "e2e.marker", spec.Marker, problems);
            ExpectIssueTag(issue, "level", issue.Level, problems);
        });
    }

    private void ReleaseAndEnvironment(List<string> problems)
    {
        ForEachEvent(problems, (label, e) =>
        {
            Expect(problems, $"{label}: release in the payload", spec.Release, Json.Str(e, "release"));
            Expect(problems, $"{label}: environment in the payload", spec.Environment, Json.Str(e, "environment"));
        });
        foreach (var e in Data.Events)
        {
            Expect(problems, $"event {e.EventId}: stored release", spec.Release, e.Release);
            Expect(problems, $"event {e.EventId}: stored environment", spec.Environment, e.Environment);
        }

        if (!Data.Releases.Contains(spec.Release))
        {
            problems.Add($"release '{spec.Release}' is not among the project's releases [{string.Join(", ", Data.Releases)}]");
        }

        ForEachScenarioIssue(issue =>
        {
            ExpectIssueTag(issue, "release", spec.Release, problems);
            ExpectIssueTag(issue, "environment", spec.Environment, problems);
        });
    }
}
