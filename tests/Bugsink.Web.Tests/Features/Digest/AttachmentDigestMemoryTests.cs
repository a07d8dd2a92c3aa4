using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bugsink.Web.Tests.Features.Accounts;
using Bugsink.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Digest;

// Issue 19, item 2: the digest holds a bounded number of bytes however many large attachments wait. Attachments
// of 99 MiB (compressible zeros after a distinct first line, 100 KB of gzip on the wire) are queued while the
// digest is paused, then one small event they belong to; a fresh server process digests them all and every
// attachment is downloaded through the API and compared by hash. Its peak resident memory (VmHWM) is the figure.
// BUGSINK_TEST_LARGE_ATTACHMENTS sets the count (default 12: 1.2 GB, far more than an unbounded batch may hold).
public sealed class AttachmentDigestMemoryTests(ITestOutputHelper output)
{
    private const long AttachmentBytes = 99L * 1024 * 1024;
    private const long PeakLimit = 500_000_000;

    [Fact]
    public async Task LargeAttachments_AreDigestedInBoundedMemory_AndDownloadByteForByte()
    {
        var count = int.Parse(Environment.GetEnvironmentVariable("BUGSINK_TEST_LARGE_ATTACHMENTS") ?? "12", CultureInfo.InvariantCulture);
        // No attachment quota and no cap: the defaults (512 MiB a minute, 1 GiB a project) would refuse or evict some.
        // No compression ratio rule either: these zeros inflate 1000 times, as a bomb does, to keep the wire small.
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["Bugsink__Ingest__MaxCompressionRatio"] = "0",
            ["Bugsink__Digest__Paused"] = "true",
            ["Bugsink__Quotas__AttachmentBytesPerMinute"] = "0",
            ["Bugsink__Quotas__AttachmentBytesPerHour"] = "0",
            ["Bugsink__Retention__MaxAttachmentBytesPerProject"] = "0",
        });
        var project = await server.CreateProjectAsync("dumps");
        var path = $"/api/{project.Id}/envelope/";
        var eventId = Envelopes.NewEventId();
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var filename = $"dump-{i}.bin";
            var marker = $"attachment {i} of {count}\n";
            var prefix = $"{{\"event_id\":\"{eventId}\"}}\n{{\"type\":\"attachment\",\"filename\":\"{filename}\",\"length\":{AttachmentBytes}}}\n{marker}";
            var body = Bombs.Build("gzip", prefix, AttachmentBytes - marker.Length);
            var answer = await server.Http.PostAsync(path, body, IngestClient.AuthFor(project), "gzip");
            Assert.True(answer.Status == 200, $"attachment {i}: {answer.Status} {answer.Body}");
            expected[filename] = HashOfMarkerAndZeros(marker, AttachmentBytes - marker.Length);
        }

        var eventAnswer = await server.Http.PostAsync(path, Envelopes.EventEnvelope(eventId), IngestClient.AuthFor(project));
        Assert.Equal(200, eventAnswer.Status);

        // A fresh process for the digest alone, so its peak is the digest's.
        server.Environment["Bugsink__Digest__Paused"] = "false";
        await server.RestartAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(15);
        while (server.Scalar("inbox.db", "SELECT count(*) FROM inbox_attachments") + server.InboxCount() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the digest did not finish.\n{server.RecentOutput}");
            await Task.Delay(500);
        }

        var digestPeak = ProcessMemory.PeakResidentBytes(server.ProcessId);
        var token = (await BugsinkCli.RunAsync(server.DataDir, "create-token", "--name", "downloads")).LastLine;
        var storedEventId = server.Scalar("bugsink.db", "SELECT Id FROM Events WHERE EventId = '" + eventId + "'");
        using var list = await GetAsync(server.Http, token, $"/api/canonical/0/events/{storedEventId}/attachments/");
        var results = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("results");
        Assert.Equal(count, results.GetArrayLength());
        foreach (var attachment in results.EnumerateArray())
        {
            var filename = attachment.GetProperty("filename").GetString()!;
            var download = new Uri(attachment.GetProperty("download").GetString()!).PathAndQuery;
            using var response = await GetAsync(server.Http, token, download, HttpCompletionOption.ResponseHeadersRead);
            await using var content = await response.Content.ReadAsStreamAsync();
            Assert.Equal(expected[filename], Convert.ToHexString(await SHA256.HashDataAsync(content)));
        }

        var peak = ProcessMemory.PeakResidentBytes(server.ProcessId);
        output.WriteLine($"{count} attachments of {AttachmentBytes} bytes: digest peak {ProcessMemory.Megabytes(digestPeak)}, " +
            $"with the downloads {ProcessMemory.Megabytes(peak)}");
        Assert.True(peak < PeakLimit, $"peak resident memory {ProcessMemory.Megabytes(peak)} (allowed {ProcessMemory.Megabytes(PeakLimit)})");
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string token, string path, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request, completion);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        return response;
    }

    private static string HashOfMarkerAndZeros(string marker, long zeros)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(marker));
        var chunk = new byte[1024 * 1024];
        for (var left = zeros; left > 0; left -= chunk.Length)
        {
            hash.AppendData(chunk, 0, (int)Math.Min(chunk.Length, left));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
