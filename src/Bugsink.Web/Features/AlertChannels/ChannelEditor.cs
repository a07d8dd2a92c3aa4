using Bugsink.Web.Features.Outbound;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.AlertChannels;

public sealed record ChannelCreated(AlertChannel? Channel, string? Secret, string? Error);

// Creating, changing and deleting channels, for the settings page and the API alike. A URL the outbound
// guard refuses is refused here with its reason; it is checked again at every send.
public sealed class ChannelEditor(AppDbContext db, OutboundGuard guard, ChannelSecrets secrets, TimeProvider time)
{
    public async Task<ChannelCreated> CreateAsync(long projectId, ChannelInput input, CancellationToken cancellationToken)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            return Fail("name is required (at most 100 characters).");
        }

        if (input.Kind is not { } kind || !ChannelKinds.All.Contains(kind))
        {
            return Fail($"kind must be one of {string.Join(", ", ChannelKinds.All)}.");
        }

        var alerts = input.Alerts ?? ChannelInput.AlertNames;
        if (RefuseAlerts(alerts) is { } badAlerts)
        {
            return Fail(badAlerts);
        }

        if (input.Secret is { Length: > 200 })
        {
            return Fail("secret is at most 200 characters.");
        }

        Uri url;
        try
        {
            url = await guard.CheckAsync(input.Url, cancellationToken);
        }
        catch (OutboundRefusedException refused)
        {
            return Fail("url refused: " + refused.Reason);
        }

        var secret = kind == ChannelKinds.Webhook ? (string.IsNullOrEmpty(input.Secret) ? ChannelSecrets.NewSecret() : input.Secret) : null;
        var channel = new AlertChannel
        {
            ProjectId = projectId,
            Name = name,
            Kind = kind,
            ProtectedUrl = secrets.Protect(url.AbsoluteUri),
            UrlHint = ChannelSecrets.Mask(url),
            ProtectedSecret = secret is null ? null : secrets.Protect(secret),
            IsEnabled = input.Enabled ?? true,
            CreatedAt = time.GetUtcNow(),
        };
        SetAlerts(channel, alerts);
        db.Set<AlertChannel>().Add(channel);
        await db.SaveChangesAsync(cancellationToken);
        // The secret is shown once, when it was made here; afterwards only its owner knows it.
        return new ChannelCreated(channel, string.IsNullOrEmpty(input.Secret) ? secret : null, null);
    }

    public Task<AlertChannel?> FindAsync(long projectId, long channelId, CancellationToken cancellationToken) =>
        db.Set<AlertChannel>().FirstOrDefaultAsync(c => c.Id == channelId && c.ProjectId == projectId, cancellationToken);

    public Task<List<AlertChannel>> ListAsync(long projectId, CancellationToken cancellationToken) =>
        db.Set<AlertChannel>().AsNoTracking().Where(c => c.ProjectId == projectId).OrderBy(c => c.Id).ToListAsync(cancellationToken);

    // The alert kinds and the on/off switch of an existing channel; the error when the change is refused.
    public async Task<string?> ChangeAsync(AlertChannel channel, ChannelChange change, CancellationToken cancellationToken)
    {
        if (change.Alerts is { } alerts)
        {
            if (RefuseAlerts(alerts) is { } refused)
            {
                return refused;
            }

            SetAlerts(channel, alerts);
        }

        if (change.Enabled is { } enabled)
        {
            channel.IsEnabled = enabled;
            if (enabled)
            {
                // Switching on again starts the failure clock afresh.
                channel.FailingSince = null;
                channel.DisabledReason = null;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task DeleteAsync(AlertChannel channel, CancellationToken cancellationToken)
    {
        await db.Set<ChannelDelivery>().Where(d => d.ChannelId == channel.Id).ExecuteDeleteAsync(cancellationToken);
        db.Set<AlertChannel>().Remove(channel);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static ChannelCreated Fail(string error) => new(null, null, error);

    private static string? RefuseAlerts(IReadOnlyCollection<string> alerts) =>
        alerts.FirstOrDefault(a => !ChannelInput.AlertNames.Contains(a)) is { } unknown
            ? $"alerts may hold {string.Join(", ", ChannelInput.AlertNames)}, not \"{unknown}\"."
            : null;

    private static void SetAlerts(AlertChannel channel, IReadOnlyCollection<string> alerts)
    {
        channel.OnNewIssue = alerts.Contains(ChannelInput.New);
        channel.OnRegression = alerts.Contains(ChannelInput.Regression);
        channel.OnUnmute = alerts.Contains(ChannelInput.Unmute);
        channel.OnVolume = alerts.Contains(ChannelInput.Volume);
        channel.OnAssignment = alerts.Contains(ChannelInput.Assignment);
    }
}
