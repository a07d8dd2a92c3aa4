using Bugsink.Web.Features.Alerts;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Bugsink.Web.Features.Accounts;

// The two emails accounts send: a password link and a team invitation. Without SMTP
// (BUGSINK_SMTP_HOST empty) nothing is sent and the pages offer the link to copy instead.
public sealed partial class AccountMail(SmtpEmailSender sender, IOptions<AccountsOptions> options, ILogger<AccountMail> logger)
{
    public bool IsConfigured => sender.IsConfigured;

    public Task<bool> SendPasswordLinkAsync(string to, string link, CancellationToken cancellationToken) => SendAsync(
        to,
        "Set your Bugsink password",
        $"A new password was requested for {to} on Bugsink.\n\n" +
        $"Choose it here (the link works once and expires after {options.Value.PasswordLinkHours} hours):\n{link}\n\n" +
        "If you did not ask for this, you can ignore this email; your password stays as it is.\n",
        cancellationToken);

    public Task<bool> SendInvitationAsync(string to, string teamName, string link, CancellationToken cancellationToken) => SendAsync(
        to,
        $"Invitation to the team {teamName} on Bugsink",
        $"You have been invited to join the team \"{teamName}\" on Bugsink and see the errors of its projects.\n\n" +
        $"Accept the invitation here:\n{link}\n",
        cancellationToken);

    // False when nothing was sent (no SMTP, or the server refused); the caller then shows the link instead.
    private async Task<bool> SendAsync(string to, string subject, string text, CancellationToken cancellationToken)
    {
        if (!sender.IsConfigured)
        {
            return false;
        }

        try
        {
            var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
            message.To.Add(MailboxAddress.Parse(to));
            await sender.SendAsync(message, cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or OutOfMemoryException))
        {
            LogNotSent(exception, subject);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the account email '{Subject}'")]
    private partial void LogNotSent(Exception exception, string subject);
}
