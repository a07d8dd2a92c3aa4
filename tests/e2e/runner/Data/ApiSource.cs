using System.Net.Http.Headers;
using System.Text.Json;

namespace Bugsink.E2E.Data;

// Reads what a user of the JSON API (/api/canonical/0/, Bearer token) sees, following "next" links:
// issues with their culprit and tag counts, events, their attachments (downloaded through the API) and
// releases. Only the counts of accepted-and-dropped items (sessions, client reports…) have no API: those
// come from the inbox file (SqliteSource), so the checks still cover them.
public sealed class ApiSource(string baseUrl, string token, IStoreProbe files) : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/api/canonical/0/"),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static async Task<bool> AnswersAsync(string baseUrl, string token)
    {
        using var probe = new ApiSource(baseUrl, token, new SqliteSource(""));
        try
        {
            using var response = await probe._http.GetAsync(new Uri("projects/", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async Task<ProjectData> ReadAsync(long projectId)
    {
        var issues = new List<StoredIssue>();
        var events = new List<StoredEvent>();
        var tags = new Dictionary<long, IReadOnlyList<KeyValuePair<string, string>>>();
        var attachments = new List<StoredAttachment>();
        await foreach (var issue in ListAsync($"issues/?project={projectId}&state=all"))
        {
            var id = issue.GetProperty("id").GetInt64();
            issues.Add(new StoredIssue(
                id,
                issue.GetProperty("title").GetString() ?? "",
                issue.GetProperty("level").GetString() ?? "",
                issue.GetProperty("culprit").GetString(),
                issue.GetProperty("event_count").GetInt64()));
            var pairs = new List<KeyValuePair<string, string>>();
            await foreach (var tag in ListAsync($"issues/{id}/tags/"))
            {
                var key = tag.GetProperty("key").GetString() ?? "";
                pairs.AddRange(tag.GetProperty("values").EnumerateArray().Select(v => new KeyValuePair<string, string>(key, v.GetProperty("value").GetString() ?? "")));
            }

            tags[id] = pairs;
            await foreach (var e in ListAsync($"events/?issue={id}"))
            {
                var eventId = e.GetProperty("event_id").GetString() ?? "";
                events.Add(new StoredEvent(
                    id,
                    eventId,
                    e.TryGetProperty("release", out var release) ? release.GetString() : null,
                    e.TryGetProperty("environment", out var environment) ? environment.GetString() : null,
                    e.GetProperty("data").Clone()));
                await foreach (var a in ListAsync($"events/{e.GetProperty("id").GetInt64()}/attachments/"))
                {
                    attachments.Add(new StoredAttachment(
                        eventId, a.GetProperty("item_type").GetString() ?? "", a.GetProperty("filename").GetString() ?? "",
                        await DownloadAsync(new Uri(a.GetProperty("download").GetString()!))));
                }
            }
        }

        var releases = new List<string>();
        await foreach (var release in ListAsync($"releases/?project={projectId}"))
        {
            releases.Add(release.GetProperty("version").GetString() ?? "");
        }

        return new ProjectData
        {
            ProjectId = projectId,
            Issues = issues,
            Events = events,
            Releases = releases,
            IssueTags = tags,
            Attachments = attachments,
            DroppedItems = files.DroppedItems(projectId),
        };
    }

    public void Dispose() => _http.Dispose();

    private async Task<byte[]> DownloadAsync(Uri url)
    {
        using var response = await _http.GetAsync(url);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
        }

        return await response.Content.ReadAsByteArrayAsync();
    }

    private async IAsyncEnumerable<JsonElement> ListAsync(string path)
    {
        Uri? next = new(path, UriKind.Relative);
        while (next is not null)
        {
            using var response = await _http.GetAsync(next);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET {next} answered {(int)response.StatusCode}: {body}");
            }

            using var page = JsonDocument.Parse(body);
            foreach (var row in page.RootElement.GetProperty("results").EnumerateArray())
            {
                yield return row.Clone();
            }

            next = page.RootElement.TryGetProperty("next", out var link) && link.ValueKind == JsonValueKind.String
                ? new Uri(link.GetString()!)
                : null;
        }
    }
}
