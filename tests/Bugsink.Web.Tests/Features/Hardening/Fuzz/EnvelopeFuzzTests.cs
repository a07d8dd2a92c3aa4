using System.Diagnostics;
using System.Net.Http.Headers;
using CsCheck;
using Bugsink.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Hardening.Fuzz;

// Issue 19, item 9: a seeded mutational fuzzer over the shared corpus and the framing cases, against a
// real server process over loopback. CsCheck generates the cases (seed, up to three mutations, encoding,
// a corrupted compressed byte, credentials), runs them on four threads and, on a failure, shrinks it
// and prints the seed that reproduces it: BUGSINK_FUZZ_SEED=<seed> reruns exactly that sequence, and
// BUGSINK_FUZZ_CASES sets how many (20,000 by default, as CI runs it).
[Collection(SequentialServers.Name)]
public sealed class EnvelopeFuzzTests(ITestOutputHelper output)
{
    // The server's peak resident memory over the whole run, bodies up to 1 MiB and 4 at a time included.
    private const long MaxPeakResidentBytes = 600L * 1024 * 1024;

    [SkippableFact]
    public async Task MutatedEnvelopes_NeverGet5xx_CrashTheServer_OrLogAnError()
    {
        if (!SampleEvents.Available(output))
        {
            return;
        }

        var seeds = FuzzSeeds.Load();
        var cases = int.Parse(Environment.GetEnvironmentVariable("BUGSINK_FUZZ_CASES") ?? "20000", System.Globalization.CultureInfo.InvariantCulture);
        await using var server = await ServerProcess.StartAsync();
        var project = await server.CreateProjectAsync("Fuzzed");
        var path = new Uri(server.BaseAddress, $"/api/{project.Id}/envelope/");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();

        await FuzzCase.Generator(seeds.Count).SampleAsync(
            async fuzz =>
            {
                var (body, encoding) = fuzz.Build(seeds);
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-sentry-envelope");
                if (encoding is not null)
                {
                    request.Content.Headers.ContentEncoding.Add(encoding);
                }

                var key = fuzz.Credentials switch { 8 => null, 9 => "0123456789abcdef0123456789abcdef", _ => project.PublicKey };
                if (key is not null)
                {
                    request.Headers.TryAddWithoutValidation("X-Sentry-Auth", $"Sentry sentry_version=7, sentry_key={key}, sentry_client=fuzz/1.0");
                }

                using var response = await http.SendAsync(request);
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                Assert.True(status is >= 200 and < 500, $"{status}: {await response.Content.ReadAsStringAsync()}");
            },
            writeLine: output.WriteLine,
            seed: Environment.GetEnvironmentVariable("BUGSINK_FUZZ_SEED"),
            iter: cases,
            threads: 4,
            print: fuzz => $"seed item {fuzz.Seed}, mutations [{string.Join("; ", fuzz.Mutations.Select(m => $"{m.Kind}:{m.A}:{m.B}"))}], encoding {fuzz.Encoding}, corrupt {fuzz.CorruptCompressedAt}, credentials {fuzz.Credentials}");

        var elapsed = clock.Elapsed;
        // The digest took every fuzzed event that was acknowledged, and the server still answers.
        await server.WaitForDrainAsync(TimeSpan.FromMinutes(2));
        using var live = await http.GetAsync(new Uri(server.BaseAddress, "/health/live"));
        Assert.Equal(200, (int)live.StatusCode);
        var peak = ProcessMemory.PeakResidentBytes(server.ProcessId);
        output.WriteLine($"{cases} cases in {elapsed.TotalSeconds:F0} s; answers {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}; " +
            $"{server.EventCount()} events stored; peak resident {ProcessMemory.Megabytes(peak)}");
        Assert.Empty(server.LoggedErrors);
        Assert.True(peak < MaxPeakResidentBytes, $"peak resident memory {ProcessMemory.Megabytes(peak)}");
        Assert.True(statuses.GetValueOrDefault(200) > cases / 20, "too few cases were accepted: the mutations broke nearly everything before ingest looked at it");
    }
}
