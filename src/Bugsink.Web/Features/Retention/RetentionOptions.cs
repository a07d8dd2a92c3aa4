using System.ComponentModel.DataAnnotations;

namespace Bugsink.Web.Features.Retention;

// Bound from Bugsink:Retention. The per-project caps and age limits live on the project
// (Project.RetentionMaxEvents, RetentionMaxAgeDays); these are the installation's knobs.
public sealed class RetentionOptions
{
    public const string Section = "Bugsink:Retention";

    // Stored events across all projects. Beyond it, the projects furthest above an even share give
    // up events first, so one noisy project cannot push a quiet one's history out.
    [Range(typeof(long), "1", "9223372036854775807")]
    public long MaxTotalEvents { get; set; } = 5_000_000;

    // Once over a cap, evict to this many percent below it: eviction then runs in batches, not after
    // every new event.
    [Range(0, 90)]
    public int HeadroomPercent { get; set; } = 5;

    // Events deleted per transaction. The digest writes to the same file and SQLite has one writer,
    // so each transaction stays a few milliseconds long.
    [Range(1, 1_000_000)]
    public int DeleteBatchSize { get; set; } = 500;

    // How often stored counts are compared with the caps (one small query when nothing was digested).
    [Range(50, 86_400_000)]
    public int CheckIntervalMilliseconds { get; set; } = 1000;

    // Attachment bytes kept per project. Beyond it the oldest go first, never those of protected events
    // (the events that opened, regressed or unmuted an issue; only an age limit removes those). 0: no cap.
    [Range(typeof(long), "0", "9223372036854775807")]
    public long MaxAttachmentBytesPerProject { get; set; } = 1L << 30;

    // An attachment whose event has not been digested this long after it came in is never shown, so it
    // is deleted. Fractions are allowed (tests use seconds).
    [Range(0.01, 525_600.0)]
    public double OrphanAttachmentMinutes { get; set; } = 10;

    // Incremental vacuum of bugsink.db: pages returned to the file system per step (4 KiB each),
    // free pages left in place because new events reuse them at once, and the time one run may take.
    [Range(1, 1_000_000)]
    public int VacuumStepPages { get; set; } = 256;

    [Range(0, int.MaxValue)]

    public int VacuumKeepFreePages { get; set; } = 2048;

    [Range(1, 3600)]

    public int VacuumSecondsPerRun { get; set; } = 5;
}
