namespace Bugsink.Sentry.Envelopes;

public sealed class Envelope
{
    internal Envelope(EnvelopeHeader header, IReadOnlyList<EnvelopeItem> items)
    {
        Header = header;
        Items = items;
    }

    public EnvelopeHeader Header { get; }

    public IReadOnlyList<EnvelopeItem> Items { get; }
}
