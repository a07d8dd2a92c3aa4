namespace Bugsink.Web.Features.Alerts;

// Bound from "Bugsink:Alerts". The defaults aim at "a person reads every email": few, grouped, never a flood.
public sealed class AlertOptions
{
    public const string Section = "Bugsink:Alerts";

    // The Hangfire queue for alert dispatch and sending; its own small server, so a slow or dead SMTP
    // server never holds up the digest or the default queue.
    public const string Queue = "email";

    // Installation-wide: alert emails (one per alert or digest, however many members receive it) per
    // rolling hour. Alerts beyond it are marked Suppressed, counted and shown, not sent later.
    public int MaxEmailsPerHour { get; set; } = 60;

    // After a new-issue email for a project, further new issues of that project within this many
    // seconds wait and then go out together as one digest email. 0 sends every new issue on its own.
    public int CoalesceWindowSeconds { get; set; } = 300;

    // Sending retries while the SMTP server is unreachable: the delay starts here and doubles up to the
    // maximum. 20 attempts with the defaults cover about 17 hours of outage.
    public int RetryFirstDelaySeconds { get; set; } = 30;

    public int RetryMaxDelaySeconds { get; set; } = 3600;

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
}
