using System.ComponentModel.DataAnnotations;

namespace Bugsink.Web.Features.Alerts;

// Bound from "Bugsink:Alerts". The defaults aim at "a person reads every email": few, grouped, never a flood.
public sealed class AlertOptions : IValidatableObject
{
    public const string Section = "Bugsink:Alerts";

    // The Hangfire queue for alert dispatch and sending; its own small server, so a slow or dead SMTP
    // server never holds up the digest or the default queue.
    public const string Queue = "email";

    // Installation-wide: alert emails (one per alert or digest, however many members receive it) per
    // rolling hour. Alerts beyond it are marked Suppressed, counted and shown, not sent later.
    [Range(0, 1_000_000)]
    public int MaxEmailsPerHour { get; set; } = 60;

    // After a new-issue email for a project, further new issues of that project within this many
    // seconds wait and then go out together as one digest email. 0 sends every new issue on its own.
    [Range(0, 86_400)]
    public int CoalesceWindowSeconds { get; set; } = 300;

    // Sending retries while the SMTP server is unreachable: the delay starts here and doubles up to the
    // maximum. 20 attempts with the defaults cover about 17 hours of outage.
    [Range(1, 86_400)]
    public int RetryFirstDelaySeconds { get; set; } = 30;

    [Range(1, 604_800)]

    public int RetryMaxDelaySeconds { get; set; } = 3600;

    [Range(1, 1000)]

    public int MaxSendAttempts { get; set; } = 20;

    public TimeSpan CoalesceWindow => TimeSpan.FromSeconds(CoalesceWindowSeconds);

    // Delay before attempt number `nextAttempt` (2 for the first retry).
    public TimeSpan RetryDelay(int nextAttempt)
    {
        var seconds = (double)RetryFirstDelaySeconds;
        for (var i = 2; i < nextAttempt && seconds < RetryMaxDelaySeconds; i++)
        {
            seconds *= 2;
        }

        return TimeSpan.FromSeconds(Math.Min(seconds, RetryMaxDelaySeconds));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryMaxDelaySeconds < RetryFirstDelaySeconds)
        {
            yield return new ValidationResult(
                $"Bugsink:Alerts:RetryMaxDelaySeconds ({RetryMaxDelaySeconds}) must not be smaller than Bugsink:Alerts:RetryFirstDelaySeconds ({RetryFirstDelaySeconds}).");
        }
    }
}
