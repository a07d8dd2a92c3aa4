namespace Bugsink.Sentry.Envelopes;

// Disposing deletes the spool files of large payloads.
public sealed class Envelope : IDisposable
{
    internal Envelope(EnvelopeHeader header, IReadOnlyList<EnvelopeItem> items)
    {
        Header = header;
        Items = items;
    }

    public EnvelopeHeader Header { get; }

    public IReadOnlyList<EnvelopeItem> Items { get; }

    public void Dispose()
    {
        foreach (var item in Items)
        {
            item.Spooled?.Dispose();
        }
    }
}
