using Bugsink.Web.Features.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.AlertChannels;

// A place a project's alerts go besides email: a chat service's incoming webhook or a generic signed
// webhook. The URL (which is itself the credential for most services) and the signing secret are kept
// encrypted with the data-protection keys; UrlHint is what pages and the API show.
public sealed class AlertChannel
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public required string Name { get; set; }

    // One of ChannelKinds.All.
    public required string Kind { get; set; }

    public required string ProtectedUrl { get; set; }

    public required string UrlHint { get; set; }

    // Generic webhooks only: the HMAC key of X-Bugsink-Signature.
    public string? ProtectedSecret { get; set; }

    public bool OnNewIssue { get; set; } = true;

    public bool OnRegression { get; set; } = true;

    public bool OnUnmute { get; set; } = true;

    public bool OnVolume { get; set; } = true;

    // "ISSUE assigned to NAME by NAME" (issue 25); on for new channels, like every other kind.
    public bool OnAssignment { get; set; } = true;

    public bool IsEnabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    // Since when every delivery failed (null after any success); 24 hours of it switches the channel off.
    public DateTimeOffset? FailingSince { get; set; }

    // Why the server switched it off, shown until someone switches it on again.
    public string? DisabledReason { get; set; }

    public bool Wants(AlertKind kind) => kind switch
    {
        AlertKind.NewIssue => OnNewIssue,
        AlertKind.Regression => OnRegression,
        AlertKind.Unmute => OnUnmute,
        AlertKind.Volume => OnVolume,
        AlertKind.Assignment => OnAssignment,
        _ => false,
    };
}

public sealed class AlertChannelConfiguration : IEntityTypeConfiguration<AlertChannel>
{
    public void Configure(EntityTypeBuilder<AlertChannel> builder)
    {
        builder.ToTable("AlertChannels");
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.Kind).HasMaxLength(20);
        builder.Property(c => c.UrlHint).HasMaxLength(300);
        builder.HasIndex(c => c.ProjectId);
    }
}
