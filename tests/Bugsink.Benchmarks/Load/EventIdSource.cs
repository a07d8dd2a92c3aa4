using System.Globalization;

namespace Bugsink.Benchmarks.Load;

// Unique 32-hex event ids without formatting a Guid per request: a random half fixed per benchmark
// process and a counter half, so warm-up and measured requests against one server never collide.
public sealed class EventIdSource
{
    private readonly string _prefix = Guid.NewGuid().ToString("N")[..16];
    private long _counter;

    public void Next(Span<byte> destination)
    {
        var value = Interlocked.Increment(ref _counter);
        for (var i = 0; i < 16; i++)
        {
            destination[i] = (byte)_prefix[i];
        }

        if (!value.TryFormat(destination[16..32], out _, "x16", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("event id counter overflowed its 16 hex digits");
        }
    }
}
