namespace Bugsink.Sentry.Envelopes;

internal struct ItemHeaderFields
{
    public string? Type;
    public long? Length;
    public string? Filename;
    public string? ContentType;
    public string? AttachmentType;
}
