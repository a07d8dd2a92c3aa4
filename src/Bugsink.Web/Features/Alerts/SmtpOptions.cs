using System.ComponentModel.DataAnnotations;

namespace Bugsink.Web.Features.Alerts;

// Bound from "Bugsink:Smtp", which BUGSINK_SMTP_HOST, _PORT, _USER, _PASSWORD, _SECURITY and
// BUGSINK_EMAIL_FROM map onto (Infrastructure/Configuration/FlatEnvironmentVariables).
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Bugsink:Smtp";

    // Empty: no email at all. Alerts are then recorded and shown, not sent.
    public string? Host { get; set; }

    // Null: 465 for ssl, 25 for none, 587 (submission) otherwise.
    [Range(1, 65_535)]
    public int? Port { get; set; }

    public string? User { get; set; }

    public string? Password { get; set; }

    // none | starttls | ssl. Null: ssl on port 465, starttls otherwise. starttls is required, not
    // opportunistic, so a stripped STARTTLS cannot make us send the password in the clear.
    public string? Security { get; set; }

    // Null: the user name when it is an address, else bugsink@ the host of BUGSINK_BASE_URL.
    public string? From { get; set; }

    // Connect, greeting and each command; a black-holed server must not hold a worker for minutes.
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public bool HasKnownSecurity => ParseSecurity() is not null;

    public string SecurityProblem =>
        $"BUGSINK_SMTP_SECURITY (Bugsink:Smtp:Security) is '{Security}'; it must be none, starttls (port 587, upgrade after connecting) or ssl (port 465, TLS from the first byte).";

    public SmtpSecurity EffectiveSecurity => ParseSecurity() ?? throw new InvalidOperationException(SecurityProblem);

    public int EffectivePort => Port ?? EffectiveSecurity switch
    {
        SmtpSecurity.Ssl => 465,
        SmtpSecurity.None => 25,
        _ => 587,
    };

    public string EffectiveFrom(string baseUrl)
    {
        if (!string.IsNullOrWhiteSpace(From))
        {
            return From.Trim();
        }

        if (User is { } user && user.Contains('@', StringComparison.Ordinal))
        {
            return user.Trim();
        }

        var host = Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri.Host : "localhost";
        return $"Bugsink <bugsink@{host}>";
    }

    private SmtpSecurity? ParseSecurity() => Security?.Trim().ToUpperInvariant() switch
    {
        null or "" => Port == 465 ? SmtpSecurity.Ssl : SmtpSecurity.StartTls,
        "NONE" => SmtpSecurity.None,
        "STARTTLS" => SmtpSecurity.StartTls,
        // Not "tls": some tools mean TLS from the first byte by it, most mean STARTTLS; guessing wrong
        // either fails to connect or, worse, was taken for ssl silently. It is refused with the choices.
        "SSL" => SmtpSecurity.Ssl,
        _ => null,
    };

    // An unknown BUGSINK_SMTP_SECURITY stops the start, naming the value given and the choices.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!HasKnownSecurity)
        {
            yield return new ValidationResult(SecurityProblem);
        }
    }
}
