namespace Bugsink.Web.Features.AlertChannels;

// A channel as the API shows it: the URL masked, the secret never (only "secret" once, when the server
// made it up at creation).
public sealed record ApiAlertChannel(
    long Id, string Name, string Kind, string Url, IReadOnlyList<string> Alerts, bool Enabled, string? DisabledReason, DateTimeOffset CreatedAt, string? Secret = null)
{
    public static ApiAlertChannel From(AlertChannel channel, string? newSecret = null) => new(
        channel.Id, channel.Name, channel.Kind, channel.UrlHint, ChannelInput.AlertsOf(channel), channel.IsEnabled, channel.DisabledReason, channel.CreatedAt, newSecret);
}

public sealed record ApiVolumeAlert(int Events, int Minutes);

public sealed record ApiTestResult(string Detail, int? Status);
