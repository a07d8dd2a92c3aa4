using System.Diagnostics;
using System.Net;
using Bugsink.Benchmarks.Payloads;

namespace Bugsink.Benchmarks.Load;

// N workers, each with one request in flight over its own keep-alive HTTP/1.1 connection, the way a
// fleet of SDKs (each sending serially) looks to the server. Bodies come from the pre-built pool;
// a worker only copies a template into its own buffer and stamps a fresh event_id into it.
public sealed class LoadGenerator : IDisposable
{
    private readonly HttpClient _client;
    private readonly PayloadPool _pool;
    private readonly IngestTarget _target;
    private readonly EventIdSource _ids;
    private readonly int _connections;
    private long _issued;
    private long _acknowledged;

    public LoadGenerator(PayloadPool pool, IngestTarget target, EventIdSource ids, int connections)
    {
        _pool = pool;
        _target = target;
        _ids = ids;
        _connections = connections;
        _client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    // Acknowledged so far over this generator's lifetime; read by the once-a-second progress line.
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public async Task<LoadResult> RunAsync(LoadLimit limit, CancellationToken cancellationToken)
    {
        var ackedBefore = Acknowledged;
        var start = Stopwatch.GetTimestamp();
        var deadline = limit.Duration is { } duration ? start + (long)(duration.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        var lastRequest = Interlocked.Read(ref _issued) + (limit.Count ?? long.MaxValue / 2);
        var workers = Enumerable.Range(0, _connections)
            .Select(_ => Task.Run(() => WorkAsync(deadline, lastRequest, cancellationToken), cancellationToken))
            .ToArray();
        var results = await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(start);

        var latencies = results.SelectMany(r => r.Latencies).ToArray();
        Array.Sort(latencies);
        var errors = results.SelectMany(r => r.Errors)
            .GroupBy(e => e.Key)
            .ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        return new LoadResult(Acknowledged - ackedBefore, elapsed, start, latencies, errors);
    }

    private async Task<WorkerTally> WorkAsync(long deadline, long lastRequest, CancellationToken cancellationToken)
    {
        var tally = new WorkerTally();
        var buffer = new byte[_pool.MaxWireLength];
        var eventId = new byte[32];
        while (!cancellationToken.IsCancellationRequested && Stopwatch.GetTimestamp() < deadline)
        {
            var number = Interlocked.Increment(ref _issued);
            if (number > lastRequest)
            {
                break;
            }

            _ids.Next(eventId);
            var length = _pool[number].WriteTo(buffer, eventId);
            using var request = _target.CreateRequest(buffer, length);
            var sent = Stopwatch.GetTimestamp();
            int status;
            try
            {
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                status = (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                status = 0;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                status = 0; // HttpClient.Timeout
            }

            if (status == 200)
            {
                tally.Latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                Interlocked.Increment(ref _acknowledged);
                continue;
            }

            tally.Errors[status] = tally.Errors.GetValueOrDefault(status) + 1;
            if (status is 0 or 429 or 503)
            {
                // Back off a little so a refusing server is not measured as a busy loop of instant errors.
                await Task.Delay(20, cancellationToken);
            }
        }

        return tally;
    }

    public void Dispose() => _client.Dispose();

    private sealed class WorkerTally
    {
        public List<double> Latencies { get; } = new(16 * 1024);

        public Dictionary<int, long> Errors { get; } = [];
    }
}
