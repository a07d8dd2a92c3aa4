using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bugsink.Web.Features.AlertChannels;

// One attempt to deliver one alert (or a test message) to one channel: the settings page's delivery log,
// and, when it succeeded, the proof that a retried or duplicated job must not send it again.
public sealed class ChannelDelivery
{
    public long Id { get; set; }

    public long ChannelId { get; set; }

    // The lead alert of what was sent; null for "Send test message".
    public long? AlertRequestId { get; set; }

    // X-Bugsink-Delivery: the same for every attempt of one (alert, channel).
    public required string DeliveryId { get; set; }

    public DateTimeOffset At { get; set; }

    public int Attempt { get; set; }

    public int? Status { get; set; }

    public bool Succeeded { get; set; }

    public string? Error { get; set; }
}

public sealed class ChannelDeliveryConfiguration : IEntityTypeConfiguration<ChannelDelivery>
{
    public void Configure(EntityTypeBuilder<ChannelDelivery> builder)
    {
        builder.ToTable("ChannelDeliveries");
        builder.Property(d => d.DeliveryId).HasMaxLength(64);
        builder.Property(d => d.Error).HasMaxLength(1100);
        builder.HasIndex(d => new { d.ChannelId, d.Id });
        builder.HasIndex(d => new { d.AlertRequestId, d.ChannelId });
    }
}
