using System.Text.Json.Nodes;

namespace Bugsink.Web.Features.AlertChannels.Messages;

// The generic webhook's JSON, schema 1 (documented in the README; fields are only ever added within a
// schema version). Event data is sent as it is, one line each and cut to a length: JSON encoding is
// the only escaping a machine reader needs, and whoever renders it must escape for their own format.
public static class WebhookMessage
{
    public const int Schema = 1;
    public const int TextMax = 2000;

    public static JsonObject Compose(ChannelAlert alert)
    {
        var issues = new JsonArray();
        foreach (var issue in alert.Issues.Take(100))
        {
            issues.Add(new JsonObject
            {
                ["id"] = issue.Id,
                ["label"] = issue.Label,
                ["title"] = ChannelText.Raw(issue.Title, TextMax),
                ["culprit"] = issue.Culprit is null ? null : ChannelText.Raw(issue.Culprit, TextMax),
                ["level"] = ChannelText.Raw(issue.Level, 100),
                ["event_count"] = issue.EventCount,
                ["first_seen"] = issue.FirstSeen.UtcDateTime,
                ["last_seen"] = issue.LastSeen.UtcDateTime,
                ["url"] = issue.Url,
            });
        }

        return new JsonObject
        {
            ["schema"] = Schema,
            ["trigger"] = alert.Trigger,
            ["headline"] = alert.Headline,
            ["explanation"] = alert.Explanation is null ? null : ChannelText.Raw(alert.Explanation, TextMax),
            ["reason"] = alert.Reason is null ? null : ChannelText.Raw(alert.Reason, 200),
            ["project"] = new JsonObject
            {
                ["id"] = alert.ProjectId,
                ["name"] = alert.ProjectName,
                ["slug"] = alert.ProjectSlug,
                ["settings_url"] = alert.SettingsUrl,
            },
            ["release"] = alert.Release is null ? null : ChannelText.Raw(alert.Release, 200),
            ["environment"] = alert.Environment is null ? null : ChannelText.Raw(alert.Environment, 200),
            ["issue_count"] = alert.Issues.Count,
            ["issues"] = issues,
        };
    }
}
