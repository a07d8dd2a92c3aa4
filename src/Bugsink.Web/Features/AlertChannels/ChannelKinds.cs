namespace Bugsink.Web.Features.AlertChannels;

public static class ChannelKinds
{
    public const string Slack = "slack";
    public const string Mattermost = "mattermost";
    public const string Discord = "discord";
    public const string Teams = "teams";
    public const string Webhook = "webhook";

    public static readonly IReadOnlyList<string> All = [Slack, Mattermost, Discord, Teams, Webhook];

    public static string Describe(string kind) => kind switch
    {
        Slack => "Slack (incoming webhook)",
        Mattermost => "Mattermost (incoming webhook)",
        Discord => "Discord (webhook)",
        Teams => "Microsoft Teams (Workflows webhook)",
        Webhook => "Webhook (signed JSON)",
        _ => kind,
    };
}
