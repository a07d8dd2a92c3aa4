namespace Bugsink.Sentry.Envelopes;

// The envelope's first line. Only the fields ingestion needs are read; Raw keeps the whole JSON object so that
// sdk, sent_at or trace can be read later without re-framing the body.
public sealed class EnvelopeHeader
{
    internal EnvelopeHeader(string? eventId, bool eventIdInvalid, string? dsn, ReadOnlyMemory<byte> raw)
    {
        EventId = eventId;
        EventIdInvalid = eventIdInvalid;
        Dsn = dsn;
        Raw = raw;
    }

    // 32 lowercase hex digits, or null when absent, null, or invalid.
    public string? EventId { get; }

    // Relay rejects an envelope with an invalid event_id (400) while Bugsink drops the header; the caller decides.
    public bool EventIdInvalid { get; }

    public string? Dsn { get; }

    public ReadOnlyMemory<byte> Raw { get; }
}
