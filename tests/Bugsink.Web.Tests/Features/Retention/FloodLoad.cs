using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Bugsink.Web.Tests.Features.Quotas;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Retention;

// The load tool of the flood test: every request body is built and gzipped before the flood starts (a
// fresh event id each, since the same id twice would be a duplicate; the same exception every time,
// so it is all one issue), then many keep-alive connections send them as fast as the server answers.
// Refusals are not waited out: a flood that ignores Retry-After is the worst case for the server.
public sealed partial class FloodLoad : IDisposable
{
    private static readonly string Padding = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(300));
    private readonly HttpClient _http;
    private readonly TestProject _project;
    private readonly string[] _ids;
    private readonly byte[][] _bodies;
    private readonly ConcurrentQueue<string> _acked = new();
    private readonly ConcurrentDictionary<int, int> _others = new();
    private int _tickets, _sent, _quotaRefusals, _backPressureRefusals, _badRefusals, _failures;

    public FloodLoad(Uri baseAddress, TestProject project, int events, int connections)
    {
        _project = project;
        _ids = [.. Enumerable.Range(0, events).Select(_ => Envelopes.NewEventId())];
        _bodies = new byte[events][];
        Parallel.For(0, events, i => _bodies[i] = Envelopes.Gzip(Envelopes.EventEnvelope(_ids[i], Payload(_ids[i]))));
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            UseProxy = false,
        })
        { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Connections = connections;
    }

    public int Connections { get; }

    public int Sent => Volatile.Read(ref _sent);

    public IReadOnlyCollection<string> Acked => _acked;

    public int QuotaRefusals => _quotaRefusals;

    public int BackPressureRefusals => _backPressureRefusals;

    public int Refused => _quotaRefusals + _backPressureRefusals;

    public int BadRefusals => _badRefusals;

    // Requests that got neither 200 nor 429, by status.
    public IReadOnlyDictionary<int, int> Others => _others;

    // Requests that got no answer at all (connection refused or reset, or 30 s without one).
    public int Failures => _failures;

    public double AverageBodyBytes => _bodies.Average(b => b.Length);

    // Sends every body once, unless `stop` fires first (a bound on time; the count is the end condition).
    public Task SendAllAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => Task.Run(() => SendAsync(stop), CancellationToken.None)));

    public void Dispose() => _http.Dispose();

    private async Task SendAsync(CancellationToken stop)
    {
        var path = $"/api/{_project.Id}/envelope/";
        var auth = $"Sentry sentry_version=7,sentry_client=sentry.dotnet/6.0.0,sentry_key={_project.PublicKey}";
        int ticket;
        while (!stop.IsCancellationRequested && (ticket = Interlocked.Increment(ref _tickets) - 1) < _bodies.Length)
        {
            IngestAnswer answer;
            try
            {
                answer = await _http.PostAsync(path, _bodies[ticket], auth, "gzip");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _failures);
                continue;
            }
            finally
            {
                Interlocked.Increment(ref _sent);
            }

            switch (answer.Status)
            {
                case 200:
                    _acked.Enqueue(_ids[ticket]);
                    break;
                case 429:
                    Tally(answer);
                    break;
                default:
                    _others.AddOrUpdate(answer.Status, 1, static (_, count) => count + 1);
                    break;
            }
        }
    }

    // A project quota is scoped "project", the digest backlog bound the whole installation ("organization").
    private void Tally(IngestAnswer answer)
    {
        var limits = answer.Headers.TryGetValues("X-Sentry-Rate-Limits", out var values) ? string.Join(",", values) : "";
        _ = limits.Contains(":project", StringComparison.Ordinal)
            ? Interlocked.Increment(ref _quotaRefusals)
            : Interlocked.Increment(ref _backPressureRefusals);
        if (!CarriesRateLimits(answer, limits))
        {
            Interlocked.Increment(ref _badRefusals);
        }
    }

    // PROTOCOL.md §7.4: Retry-After in whole seconds, and X-Sentry-Rate-Limits of "seconds:categories:scope"
    // entries joined by ", " (no categories: the whole request was refused) that the .NET, Python and
    // JavaScript parsers all read the same, with nothing skipped or defaulted, the longest being Retry-After.
    private static bool CarriesRateLimits(IngestAnswer answer, string limits)
    {
        if (!answer.Headers.TryGetValues("Retry-After", out var retry) || !RefusalFormat().IsMatch(limits)
            || !int.TryParse(string.Join("", retry), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
        {
            return false;
        }

        try
        {
            var dotnet = RateLimitParsers.Dotnet(limits);
            var python = RateLimitParsers.Python(limits, out var skipped);
            var javascript = RateLimitParsers.JavaScript(limits, out var defaulted);
            return skipped == 0 && defaulted == 0 && dotnet.Count == python.Count && python.Count == javascript.Count
                && dotnet.All(l => l.Seconds > 0 && l.Categories.Count == 0) && dotnet.Max(l => l.Seconds) == seconds;
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or OverflowException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[1-9][0-9]*::(project|organization)(, [1-9][0-9]*::(project|organization))*$")]
    private static partial Regex RefusalFormat();

    private static string Payload(string id) =>
        $$$"""{"event_id":"{{{id}}}","platform":"csharp","level":"error","exception":{"values":[{"type":"FloodException","value":"the same thing again"}]},"extra":{"padding":"{{{Padding}}}"}}""";
}
