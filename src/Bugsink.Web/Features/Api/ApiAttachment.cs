namespace Bugsink.Web.Features.Api;

// A file sent with an event: an attachment, or user feedback (item_type feedback or user_report, its JSON
// as the SDK sent it). Download is the absolute URL of its bytes, unchanged.
public sealed record ApiAttachment(
    long Id,
    long Event,
    string ItemType,
    string Filename,
    string? ContentType,
    string? AttachmentType,
    int Size,
    DateTimeOffset ReceivedAt,
    string Download);
