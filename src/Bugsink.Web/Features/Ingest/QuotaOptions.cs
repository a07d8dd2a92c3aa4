using System.ComponentModel.DataAnnotations;

namespace Bugsink.Web.Features.Ingest;

// Events (and attachment bytes) accepted per fixed window (UTC minute, hour, calendar month); bound from Bugsink:Quotas.
// A value of null or 0 or less means "no limit" for that window.
public sealed class QuotaOptions
{
    public const string Section = "Bugsink:Quotas";

    // The whole installation. Per minute sits above the 10,000 events/s the ingest path is built for,
    // so only a runaway flood meets it; per hour and month are what protect the disk.
    public long? InstallationPerMinute { get; set; } = 1_000_000;

    public long? InstallationPerHour { get; set; } = 20_000_000;

    public long? InstallationPerMonth { get; set; } = 200_000_000;

    // For projects that set no quota of their own (Project.QuotaPerMinute/Hour/Month). No limit by default.
    public long? ProjectPerMinute { get; set; }

    public long? ProjectPerHour { get; set; }

    public long? ProjectPerMonth { get; set; }

    // Attachment bytes (after decoding) the whole installation accepts per window, their own category
    // as in Relay: 512 MiB a minute, 5 GiB an hour, 50 GiB a month, so a flood of attachments cannot fill
    // the disk in an afternoon while events flow on.
    public long? AttachmentBytesPerMinute { get; set; } = 512L << 20;

    public long? AttachmentBytesPerHour { get; set; } = 5L << 30;

    public long? AttachmentBytesPerMonth { get; set; } = 50L << 30;

    // For projects that set no attachment quota of their own (Project.AttachmentQuotaBytesPerMinute/…). No limit by default.
    public long? ProjectAttachmentBytesPerMinute { get; set; }

    public long? ProjectAttachmentBytesPerHour { get; set; }

    public long? ProjectAttachmentBytesPerMonth { get; set; }

    // Seconds a project's quota settings are cached before they are read again (the hot path never queries).
    [Range(1, 86_400)]
    public int SettingsRefreshSeconds { get; set; } = 30;
}
