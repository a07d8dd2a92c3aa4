namespace Bugsink.Web.Features.Ingest;

// Why an event (or a request) was refused or not kept; shown per project on the admin page.
// Item types we accept but never keep (sessions, client reports…) are counted apart, in dropped_items.
public enum RejectionReason
{
    // Over a project or installation quota: 429, or 200 with the limit named when other items were kept.
    Quota,

    // The digest backlog passed Bugsink:Ingest:MaxBacklog: 429 until it drains.
    BackPressure,

    // Request, envelope, item or event over a size limit: 413.
    TooLarge,

    // An event id the project already has (an SDK resend); found by the digest.
    Duplicate,
}
