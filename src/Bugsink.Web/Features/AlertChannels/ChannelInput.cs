namespace Bugsink.Web.Features.AlertChannels;

// What a page form or an API call asks for when it creates a channel.
public sealed record ChannelInput(string? Name, string? Kind, string? Url, string? Secret, IReadOnlyCollection<string>? Alerts, bool? Enabled)
{
    public const string New = "new";
    public const string Regression = "regression";
    public const string Unmute = "unmute";
    public const string Volume = "volume";
    public const string Assignment = "assignment";

    public static readonly IReadOnlyList<string> AlertNames = [New, Regression, Unmute, Volume, Assignment];

    // The checkboxes of the settings page, for a new channel and for each existing one.
    public static readonly IReadOnlyList<(string Name, string Text)> AlertChoices =
    [
        (New, "A new issue appears"), (Regression, "A resolved issue comes back"), (Unmute, "A muted issue is unmuted by time or volume"),
        (Volume, "The volume rule below is passed"), (Assignment, "Someone assigns an issue to someone else"),
    ];

    public static IReadOnlyList<string> AlertsOf(AlertChannel channel) =>
    [
        .. channel.OnNewIssue ? [New] : Array.Empty<string>(),
        .. channel.OnRegression ? [Regression] : Array.Empty<string>(),
        .. channel.OnUnmute ? [Unmute] : Array.Empty<string>(),
        .. channel.OnVolume ? [Volume] : Array.Empty<string>(),
        .. channel.OnAssignment ? [Assignment] : Array.Empty<string>(),
    ];
}

// What a page form or an API call (PATCH) changes on an existing channel; null leaves a field as it is.
public sealed record ChannelChange(IReadOnlyCollection<string>? Alerts, bool? Enabled);
