using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Bugsink.Web.Features.Alerts;

// The admin page's "send test email": sent right away (not queued) so the admin sees the SMTP server's
// own answer at once, and logged like every other attempt.
public sealed class TestEmailSender(AppDbContext db, SmtpEmailSender sender, IOptions<SiteOptions> site, TimeProvider time)
{
    public const string Subject = "Bugsink test email";

    // Null when the server accepted it; else what went wrong, in the server's words where it gave any.
    public async Task<string?> SendAsync(string recipient, CancellationToken cancellationToken)
    {
        var message = new MimeMessage { Subject = Subject };
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new TextPart("plain")
        {
            Text = $"This is a test email from Bugsink at {site.Value.BaseUrl}.\n\nIf it reached you, alert emails can reach you too.\n",
        };
        string? error = null;
        try
        {
            await sender.SendAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = SendAlertEmailJob.Describe(exception);
        }

        db.EmailLog.Add(new EmailLogEntry
        {
            At = time.GetUtcNow(),
            Recipient = recipient,
            Subject = Subject,
            Succeeded = error is null,
            Error = error,
        });
        await db.SaveChangesAsync(CancellationToken.None);
        return error;
    }
}
