using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Ingest;

// Per-project and installation-wide quotas over fixed UTC windows (QuotaWindows), in two categories
// counted apart as Relay does: events (one each) and attachments (their bytes after decoding).
public sealed class IngestQuota(ProjectQuotaCache settings, RejectedItemCounter rejected, TimeProvider time, IOptions<QuotaOptions> options)
{
    // Event windows are seeded from the hourly totals the digest keeps, so a restart does not hand out a
    // fresh hour and month (one query per project and process).
    private readonly QuotaWindows _events = new((projectId, now) =>
        settings.ReadAcceptedSoFar(projectId, QuotaWindows.HourId(now), QuotaWindows.MonthStartHour(now)));

    // Attachment bytes start from zero after a restart: nothing keeps them per hour, and the storage
    // cap (Bugsink:Retention:MaxAttachmentBytesPerProject) bounds the disk whatever the quota forgave.
    private readonly QuotaWindows _attachmentBytes = new(static (_, _) => (0, 0));

    // Null when the event is accepted (and counted); otherwise the limits that refused it, one per scope.
    public IReadOnlyList<RateLimit>? TryAccept(long projectId)
    {
        var project = settings.For(projectId);
        var installation = options.Value;
        ReadOnlySpan<long?> limits = [project.PerMinute, project.PerHour, project.PerMonth,
            installation.InstallationPerMinute, installation.InstallationPerHour, installation.InstallationPerMonth];
        var refusal = _events.TryTake(projectId, 1, limits, time.GetUtcNow());
        if (refusal is not null)
        {
            rejected.Add(projectId, RejectionReason.Quota);
        }

        return refusal;
    }

    // The same for the attachments of one envelope, taken together (as Relay counts an envelope's
    // attachment quantity): all of them are kept, or none.
    public IReadOnlyList<RateLimit>? TryAcceptAttachments(long projectId, long bytes)
    {
        var project = settings.For(projectId);
        var installation = options.Value;
        ReadOnlySpan<long?> limits = [project.AttachmentBytesPerMinute, project.AttachmentBytesPerHour, project.AttachmentBytesPerMonth,
            installation.AttachmentBytesPerMinute, installation.AttachmentBytesPerHour, installation.AttachmentBytesPerMonth];
        var refusal = _attachmentBytes.TryTake(projectId, bytes, limits, time.GetUtcNow());
        if (refusal is not null)
        {
            rejected.Add(projectId, RejectionReason.Quota);
        }

        return refusal;
    }

    // Events counted in the current windows, for the admin page: minute, hour, month.
    public (long Minute, long Hour, long Month) Usage(long? projectId) => _events.Usage(projectId, time.GetUtcNow());

    // Attachment bytes counted in the current windows.
    public (long Minute, long Hour, long Month) AttachmentUsage(long? projectId) => _attachmentBytes.Usage(projectId, time.GetUtcNow());
}
