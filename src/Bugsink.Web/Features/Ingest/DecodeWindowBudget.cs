using Bugsink.Sentry.Compression;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Ingest;

// zstd and brotli decoders hold their whole window (up to 2 MiB and 4 MiB) from their first byte until the
// request ends, so 32 concurrent bombs cost 32 windows even though each is refused after 1 MiB (issue 19:
// 74 MB of a contended run's +163 MB). Only this many such decodes run at once; the rest wait, which costs
// nothing but time because a bomb is refused within milliseconds. A request that gets no turn within
// the wait answers 503 with Retry-After, as when the inbox cannot be written. gzip and deflate need 32 KiB
// windows and are not counted.
public sealed class DecodeWindowBudget(IOptions<IngestOptions> options) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _turns = new(options.Value.MaxConcurrentWindowDecodes);

    // Null when the body needs no turn or got one (disposed when the request is done); Refused when it waited in vain.
    public async Task<Turn?> EnterAsync(string? contentEncoding, CancellationToken cancellationToken)
    {
        if (!ContentDecoder.HoldsLargeWindow(contentEncoding))
        {
            return Turn.None;
        }

        return await _turns.WaitAsync(Wait, cancellationToken) ? new Turn(_turns) : null;
    }

    public void Dispose() => _turns.Dispose();

    public sealed class Turn(SemaphoreSlim? turns) : IDisposable
    {
        public static readonly Turn None = new(null);

        private SemaphoreSlim? _turns = turns;

        public void Dispose() => Interlocked.Exchange(ref _turns, null)?.Release();
    }
}
