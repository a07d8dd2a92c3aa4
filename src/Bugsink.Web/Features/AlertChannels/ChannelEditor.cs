using Bugsink.Web.Features.Outbound;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.AlertChannels;

public sealed record ChannelCreated(AlertChannel? Channel, string? Secret, string? Error);

// Creating, switching and deleting channels, for the settings page and the API alike. A URL the outbound
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
        if (alerts.FirstOrDefault(a => !ChannelInput.AlertNames.Contains(a)) is { } unknown)
        {
            return Fail($"alerts may hold {string.Join(", ", ChannelInput.AlertNames)}, not \"{unknown}\".");
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
            OnNewIssue = alerts.Contains(ChannelInput.New),
            OnRegression = alerts.Contains(ChannelInput.Regression),
            OnUnmute = alerts.Contains(ChannelInput.Unmute),
            OnVolume = alerts.Contains(ChannelInput.Volume),
            OnAssignment = alerts.Contains(ChannelInput.Assignment),
            IsEnabled = input.Enabled ?? true,
            CreatedAt = time.GetUtcNow(),
        };
        db.Set<AlertChannel>().Add(channel);
        await db.SaveChangesAsync(cancellationToken);
        // The secret is shown once, when it was made here; afterwards only its owner knows it.
        return new ChannelCreated(channel, string.IsNullOrEmpty(input.Secret) ? secret : null, null);
    }

    public Task<AlertChannel?> FindAsync(long projectId, long channelId, CancellationToken cancellationToken) =>
        db.Set<AlertChannel>().FirstOrDefaultAsync(c => c.Id == channelId && c.ProjectId == projectId, cancellationToken);

    public Task<List<AlertChannel>> ListAsync(long projectId, CancellationToken cancellationToken) =>
        db.Set<AlertChannel>().AsNoTracking().Where(c => c.ProjectId == projectId).OrderBy(c => c.Id).ToListAsync(cancellationToken);

    // Switching on again starts the failure clock afresh.
    public async Task SetEnabledAsync(AlertChannel channel, bool enabled, CancellationToken cancellationToken)
    {
        channel.IsEnabled = enabled;
        if (enabled)
        {
            channel.FailingSince = null;
            channel.DisabledReason = null;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(AlertChannel channel, CancellationToken cancellationToken)
    {
        await db.Set<ChannelDelivery>().Where(d => d.ChannelId == channel.Id).ExecuteDeleteAsync(cancellationToken);
        db.Set<AlertChannel>().Remove(channel);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static ChannelCreated Fail(string error) => new(null, null, error);
}
