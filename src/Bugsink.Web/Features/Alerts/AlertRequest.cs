using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.Alerts;

public enum AlertKind
{
    NewIssue = 0,
    Regression = 1,
    Unmute = 2,
    // An issue passed its project's volume rule (Features/AlertChannels/VolumeAlertCounter).
    Volume = 3,
    // Someone assigned an issue to someone else (issue 25): chat and webhook channels only; the assignee's
    // email is Issues/Assignment/AssignmentEmailJob's.
    Assignment = 4,
}

public enum AlertStatus
{
    Pending = 0,
    Sent = 1,
    // Recorded but not sent on purpose: the project's switch is off, or the project or issue is gone.
    Recorded = 2,
    // Held back by the installation-wide flood cap.
    Suppressed = 3,
    // Folded into a digest email with other new issues of the same project.
    Coalesced = 4,
    // Not sent because nobody receives it: neither the team's members nor an administrator wants email alerts.
    NoRecipient = 5,
    // Not sent because no SMTP server is configured.
    NoSmtp = 6,
}

// Written in the digest's (or the unmute job's) transaction; sent after commit by the alert jobs.
public sealed class AlertRequest
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public long IssueId { get; set; }

    public AlertKind Kind { get; set; }

    // For unmutes: "time" or "volume"; for regressions: the release; for volume alerts: "N/M";
    // for assignments: the assignee and who assigned it, as AssignmentChannelJob writes them.
    public string? Reason { get; set; }

    public string? EventId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public AlertStatus Status { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }
}

public sealed class AlertRequestConfiguration : IEntityTypeConfiguration<AlertRequest>
{
    public void Configure(EntityTypeBuilder<AlertRequest> builder)
    {
        builder.HasIndex(a => new { a.Status, a.Id });
        builder.HasIndex(a => a.IssueId);
    }
}
