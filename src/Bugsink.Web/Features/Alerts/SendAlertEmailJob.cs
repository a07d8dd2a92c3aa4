using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Alerts;

// Sends one alert email (a single alert or a digest, named by its lead alert) to one recipient.
//
// Exactly once per (lead alert, recipient): the sent-marker is checked and written under a process-wide
// lock, so a retried job, a job enqueued twice by a re-run dispatch, or two workers never send twice.
// SMTP failures are retried here with our own back-off (Bugsink:Alerts:Retry*) rather than Hangfire's,
// because its delays are fixed at compile time and an outage of hours must not exhaust them.
public sealed partial class SendAlertEmailJob(
    AppDbContext db,
    AlertFactsReader facts,
    SmtpEmailSender sender,
    IBackgroundJobClient jobs,
    IOptions<AlertOptions> options,
    IOptions<SiteOptions> site,
    TimeProvider time,
    ILogger<SendAlertEmailJob> logger)
{
    private const int MaxErrorLength = 1000;

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    [Queue(AlertOptions.Queue)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(long[] alertRequestIds, string recipient, int attempt, CancellationToken cancellationToken)
    {
        await OneAtATime.WaitAsync(cancellationToken);
        try
        {
            await SendOnceAsync(alertRequestIds, recipient, attempt, cancellationToken);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private async Task SendOnceAsync(long[] alertRequestIds, string recipient, int attempt, CancellationToken cancellationToken)
    {
        var lead = await db.AlertRequests.AsNoTracking().FirstOrDefaultAsync(a => a.Id == alertRequestIds[0], cancellationToken);
        if (lead is null || await SentMarker.ExistsAsync(db, lead, recipient, cancellationToken))
        {
            return;
        }

        var alertFacts = await facts.ReadAsync(alertRequestIds, cancellationToken);
        if (alertFacts is null)
        {
            LogNothingToSay(lead.Id);
            return;
        }

        var links = new AlertLinks(site.Value.BaseUrl);
        var email = AlertEmailComposer.Compose(alertFacts, links);
        if (!sender.IsConfigured)
        {
            await LogAsync(lead.Id, recipient, email.Subject, "SMTP is no longer configured; not sent.");
            return;
        }

        try
        {
            await sender.SendAsync(email.ToMessage(sender.From, recipient, lead.Id, links.MessageIdDomain), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var permanent = SmtpEmailSender.IsPermanent(exception);
            var last = permanent || attempt >= options.Value.MaxSendAttempts;
            var outcome = permanent ? "refused, not retried" : last ? $"attempt {attempt}, gave up" : $"attempt {attempt}, will retry";
            await LogAsync(lead.Id, recipient, email.Subject, $"{Describe(exception)} ({outcome})");
            if (last)
            {
                LogGaveUp(exception, lead.Id, attempt);
                return;
            }

            var delay = options.Value.RetryDelay(attempt + 1);
            jobs.Schedule<SendAlertEmailJob>(job => job.RunAsync(alertRequestIds, recipient, attempt + 1, CancellationToken.None), delay);
            LogWillRetry(lead.Id, attempt, delay.TotalSeconds, exception.Message);
            return;
        }

        await LogAsync(lead.Id, recipient, email.Subject, error: null);
    }

    // Written with CancellationToken.None: once the server accepted the email, the marker must land even
    // when the server is shutting down, or the retry would send it again.
    private async Task LogAsync(long alertRequestId, string recipient, string subject, string? error)
    {
        db.EmailLog.Add(new EmailLogEntry
        {
            At = time.GetUtcNow(),
            Recipient = recipient,
            Subject = subject,
            Succeeded = error is null,
            Error = error,
            AlertRequestId = alertRequestId,
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }

    public static string Describe(Exception exception)
    {
        var text = $"{exception.GetType().Name}: {exception.Message}";
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId}: its project or issues are gone; nothing sent")]
    private partial void LogNothingToSay(long alertId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId}: sending failed (attempt {Attempt}); retrying in {DelaySeconds} s: {Error}")]
    private partial void LogWillRetry(long alertId, int attempt, double delaySeconds, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {AlertId}: giving up after attempt {Attempt}")]
    private partial void LogGaveUp(Exception exception, long alertId, int attempt);
}
