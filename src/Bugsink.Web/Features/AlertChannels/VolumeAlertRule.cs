using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.AlertChannels;

// Per project: alert when one issue gets more than Events events in Minutes minutes (at most once per
// issue per such window), to the channels that want volume alerts and to email. No row: no rule.
public sealed class VolumeAlertRule
{
    public const int MaxMinutes = 24 * 60;

    public long ProjectId { get; set; }

    public int Events { get; set; }

    public int Minutes { get; set; }

    public static string? Validate(int events, int minutes) =>
        events < 1 ? "events must be at least 1."
        : minutes is < 1 or > MaxMinutes ? $"minutes must be between 1 and {MaxMinutes}."
        : null;
}

public sealed class VolumeAlertRuleConfiguration : IEntityTypeConfiguration<VolumeAlertRule>
{
    public void Configure(EntityTypeBuilder<VolumeAlertRule> builder)
    {
        builder.ToTable("VolumeAlertRules");
        builder.HasKey(r => r.ProjectId);
    }
}

// Events per issue per minute of arrival, kept by the digest only for projects with a volume rule and
// only as far back as the rule's window.
public sealed class IssueMinuteCount
{
    public long IssueId { get; set; }

    // Unix minutes of the server's receipt.
    public long Minute { get; set; }

    public long Count { get; set; }
}

public sealed class IssueMinuteCountConfiguration : IEntityTypeConfiguration<IssueMinuteCount>
{
    public void Configure(EntityTypeBuilder<IssueMinuteCount> builder)
    {
        builder.ToTable("IssueMinuteCounts");
        builder.HasKey(c => new { c.IssueId, c.Minute });
    }
}
