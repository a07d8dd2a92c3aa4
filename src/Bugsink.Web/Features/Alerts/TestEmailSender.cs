using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
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
            Text = $"This is a test email from Bugsink at {site.Value.BaseUrl}.\n\nIt shows that mail to this address gets through. {await WhichAlertsAsync(recipient, cancellationToken)}\n",
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

    // The truth for this reader: alerts go to team members, so a reader on no team must not be promised any.
    private async Task<string> WhichAlertsAsync(string recipient, CancellationToken cancellationToken)
    {
        var address = recipient.Trim();
        var user = await db.Users.AsNoTracking().Where(u => u.Email == address).Select(u => new { u.Id, u.IsAdmin }).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return "No account has this address, so no alerts are sent to it.";
        }

        var teams = await db.TeamMemberships.AsNoTracking().Where(m => m.UserId == user.Id)
            .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => t.Name).OrderBy(n => n).ToListAsync(cancellationToken);
        var asAdmin = user.IsAdmin ? " As an administrator you also get the alerts of teams where nobody receives them." : "";
        return teams.Count == 0
            ? $"You are on no team, so no project's alerts are sent to you.{asAdmin}"
            : $"You are a member of {string.Join(", ", teams)}: the alerts of their projects reach you while email alerts are on for you.{asAdmin}";
    }
}
