using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Alerts;

// Refuses an unknown BUGSINK_SMTP_SECURITY at start, naming the value given and the choices.
public sealed class SmtpSecurityValidation : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options) =>
        options.HasKnownSecurity ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.SecurityProblem);
}
