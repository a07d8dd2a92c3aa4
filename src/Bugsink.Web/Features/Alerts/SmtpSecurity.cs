namespace Bugsink.Web.Features.Alerts;

// BUGSINK_SMTP_SECURITY: none (plain, e.g. a relay on localhost), starttls (upgrade required), ssl (TLS from the first byte).
public enum SmtpSecurity
{
    None,
    StartTls,
    Ssl,
}
