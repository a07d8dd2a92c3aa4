using Bugsink.Web.Infrastructure.Configuration;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Bugsink.Web.Features.Alerts;

// Hands one message to the configured SMTP server with MailKit: a fresh connection per message, which
// is plenty at the rates the flood cap allows and leaves no half-dead connection to manage.
public sealed class SmtpEmailSender(IOptions<SmtpOptions> smtp, IOptions<SiteOptions> site)
{
    public bool IsConfigured => smtp.Value.IsConfigured;

    public SmtpOptions Options => smtp.Value;

    public MailboxAddress From => MailboxAddress.Parse(smtp.Value.EffectiveFrom(site.Value.BaseUrl));

    // Throws when the server cannot be reached or refuses the message. Once the server has accepted the
    // message nothing throws any more: a failed QUIT must not make the caller retry a delivered email.
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var options = smtp.Value;
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            throw new InvalidOperationException("No SMTP server is configured (BUGSINK_SMTP_HOST).");
        }

        if (message.From.Count == 0)
        {
            message.From.Add(From);
        }

        using var client = new SmtpClient { Timeout = checked(options.TimeoutSeconds * 1000) };
        await client.ConnectAsync(options.Host, options.EffectivePort, ToMailKit(options.EffectiveSecurity), cancellationToken);
        if (!string.IsNullOrEmpty(options.User))
        {
            await client.AuthenticateAsync(options.User, options.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
        {
            // Delivered already; the connection is closed by the using either way.
        }
    }

    // A definite "no" from the server (5xx for this sender, recipient or message): retrying sends the same
    // thing to the same answer. Everything else (refused connection, timeouts, 4xx) may pass.
    public static bool IsPermanent(Exception exception) => exception is SmtpCommandException
    {
        ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted or SmtpErrorCode.MessageNotAccepted,
    } command && (int)command.StatusCode >= 500;

    private static SecureSocketOptions ToMailKit(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.Ssl => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };
}
