namespace Bugsink.Sentry.Envelopes;

// Running per-envelope counts for the item limits. Unknown item types are only counted towards MaxItems,
// as Relay does not limit-check them either.
internal struct ItemTally(EnvelopeLimits limits)
{
    private int _singleEvents;
    private int _attachments;

    // The largest payload an item of this type may have; the envelope's own cap bounds the others.
    public readonly long MaxPayload(string type) =>
        ItemTypes.IsEventLike(type) ? limits.MaxEventBytes : ItemTypes.IsAttachmentLike(type) ? limits.MaxAttachmentBytes : long.MaxValue;

    // Returns null when the item fits, otherwise the cause for the 413 answer.
    public string? Add(string type, int payloadLength, int itemsSoFar)
    {
        if (itemsSoFar >= limits.MaxItems)
        {
            return $"more than {limits.MaxItems} items";
        }

        if (ItemTypes.IsEventLike(type) && payloadLength > limits.MaxEventBytes)
        {
            return $"{type} item is larger than {limits.MaxEventBytes} bytes";
        }

        if (ItemTypes.IsSingleEvent(type) && ++_singleEvents > 1)
        {
            return "more than one event, transaction or feedback item";
        }

        if (ItemTypes.IsAttachmentLike(type))
        {
            if (payloadLength > limits.MaxAttachmentBytes)
            {
                return $"{type} item is larger than {limits.MaxAttachmentBytes} bytes";
            }

            if (++_attachments > limits.MaxAttachmentCount)
            {
                return $"more than {limits.MaxAttachmentCount} attachments";
            }
        }

        return null;
    }
}
