using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace Bugsink.Web.Features.Alerts;

// A composed alert: the same content as plain text and as HTML.
public sealed record AlertEmail(string Subject, string Text, string Html)
{
    // The Message-ID is the same for every attempt at one (alert, recipient), so a receiving server
    // that deduplicates by it also hides the one case the sent-marker cannot: delivered, then crashed.
    public MimeMessage ToMessage(MailboxAddress from, string recipient, long leadAlertId, string domain)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Subject = Subject;
        var recipientHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipient.ToUpperInvariant())))[..16];
        message.MessageId = $"alert-{leadAlertId}-{recipientHash}@{domain}";
        // RFC 3834: tells auto-responders (out-of-office) not to answer.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new BodyBuilder { TextBody = Text, HtmlBody = Html }.ToMessageBody();
        return message;
    }
}
