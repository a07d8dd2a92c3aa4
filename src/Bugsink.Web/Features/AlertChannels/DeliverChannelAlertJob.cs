using System.Collections.Concurrent;
using System.Globalization;
using Bugsink.Web.Features.AlertChannels.Messages;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.AlertChannels;

// Sends one alert (or digest, named by its lead alert) to one channel: enqueued by the dispatch after the
// digest's commit, on the email queue, never on the ingest or digest path.
//
// Exactly once per (lead alert, channel): a successful delivery row is checked and written under a lock
// per channel, so a retried job, a re-run dispatch or two workers never post twice. Timeouts, 429 and 5xx
// are retried with our own back-off (Bugsink:Alerts:Retry*, as for email) or after the Retry-After the
// service asked for; other answers are final. A channel that has failed for 24 hours is switched off.
public sealed partial class DeliverChannelAlertJob(
    AppDbContext db,
    ChannelAlertReader reader,
    ChannelSender sender,
    ChannelFailureNotifier notifier,
    IBackgroundJobClient jobs,
    IOptions<AlertOptions> options,
    IOptions<SiteOptions> site,
    TimeProvider time,
    ILogger<DeliverChannelAlertJob> logger)
{
    public static readonly TimeSpan SwitchOffAfter = TimeSpan.FromHours(24);

    private static readonly ConcurrentDictionary<long, SemaphoreSlim> Locks = new();

    public static string DeliveryId(long leadAlertId, long channelId) => string.Create(CultureInfo.InvariantCulture, $"alert-{leadAlertId}-channel-{channelId}");

    [Queue(AlertOptions.Queue)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(long[] alertRequestIds, long channelId, int attempt, CancellationToken cancellationToken)
    {
        var gate = Locks.GetOrAdd(channelId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await DeliverOnceAsync(alertRequestIds, channelId, attempt, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task DeliverOnceAsync(long[] alertRequestIds, long channelId, int attempt, CancellationToken cancellationToken)
    {
        var lead = alertRequestIds[0];
        var channel = await db.Set<AlertChannel>().FirstOrDefaultAsync(c => c.Id == channelId, cancellationToken);
        if (channel is null || !channel.IsEnabled
            || await db.Set<ChannelDelivery>().AnyAsync(d => d.ChannelId == channelId && d.AlertRequestId == lead && d.Succeeded, cancellationToken))
        {
            return;
        }

        if (await reader.ReadAsync(alertRequestIds, new AlertLinks(site.Value.BaseUrl), cancellationToken) is not { } alert)
        {
            return;
        }

        var result = await sender.SendAsync(channel, ChannelMessage.Compose(channel.Kind, alert), DeliveryId(lead, channelId), cancellationToken);
        var now = time.GetUtcNow();
        var retry = !result.IsSuccess && result.IsRetryable && attempt < options.Value.MaxSendAttempts;
        var switchedOff = false;
        if (result.IsSuccess)
        {
            channel.FailingSince = null;
        }
        else if ((channel.FailingSince ??= now) <= now - SwitchOffAfter)
        {
            channel.IsEnabled = false;
            channel.DisabledReason = $"Switched off at {ChannelText.Time(now)}: every delivery failed for 24 hours. Last error: {result.Error}";
            switchedOff = true;
            retry = false;
        }

        var note = result.IsSuccess ? null : retry ? " (will retry)" : result.IsRetryable ? " (gave up)" : " (not retried)";
        db.Set<ChannelDelivery>().Add(new ChannelDelivery
        {
            ChannelId = channelId,
            AlertRequestId = lead,
            DeliveryId = DeliveryId(lead, channelId),
            At = now,
            Attempt = attempt,
            Status = result.Status,
            Succeeded = result.IsSuccess,
            Error = result.Error is null ? null : result.Error + note,
        });
        // Once the service accepted it, the row must land even during shutdown, or a retry would post again.
        await db.SaveChangesAsync(CancellationToken.None);
        if (switchedOff)
        {
            LogSwitchedOff(channelId, result.Error);
            await notifier.NotifyAsync(channel, CancellationToken.None);
        }

        if (retry)
        {
            var delay = result.RetryAfter is { } asked ? TimeSpan.FromSeconds(Math.Max(1, asked.TotalSeconds)) : options.Value.RetryDelay(attempt + 1);
            jobs.Schedule<DeliverChannelAlertJob>(job => job.RunAsync(alertRequestIds, channelId, attempt + 1, CancellationToken.None), delay);
            LogWillRetry(lead, channelId, attempt, delay.TotalSeconds, result.Error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} to channel {ChannelId}: attempt {Attempt} failed; retrying in {DelaySeconds} s: {Error}")]
    private partial void LogWillRetry(long alertId, long channelId, int attempt, double delaySeconds, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Channel {ChannelId} switched off after 24 hours of failed deliveries: {Error}")]
    private partial void LogSwitchedOff(long channelId, string? error);
}
