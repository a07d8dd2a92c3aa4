using System.Net.Http.Headers;
using System.Text.Json;

namespace Bugsink.E2E.Data;

// Reads issues, events and releases through the JSON API (/api/canonical/0/, Bearer token), following
// "next" links. The API has no culprit, tag counts, attachments or dropped-item counts: those come from
// the SQLite files (SqliteSource), so the checks still cover them.
public sealed class ApiSource(string baseUrl, string token, SqliteSource files) : IDisposable
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
        var fromFiles = files.Read(projectId);
        var culprits = fromFiles.Issues.ToDictionary(i => i.Id, i => i.Culprit);
        var issues = new List<StoredIssue>();
        var events = new List<StoredEvent>();
        await foreach (var issue in ListAsync($"issues/?project={projectId}&state=all"))
        {
            var id = issue.GetProperty("id").GetInt64();
            issues.Add(new StoredIssue(
                id,
                issue.GetProperty("title").GetString() ?? "",
                issue.GetProperty("level").GetString() ?? "",
                culprits.GetValueOrDefault(id),
                issue.GetProperty("event_count").GetInt64()));
            await foreach (var e in ListAsync($"events/?issue={id}"))
            {
                events.Add(new StoredEvent(
                    id,
                    e.GetProperty("event_id").GetString() ?? "",
                    e.TryGetProperty("release", out var release) ? release.GetString() : null,
                    e.TryGetProperty("environment", out var environment) ? environment.GetString() : null,
                    e.GetProperty("data").Clone()));
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
            IssueTags = fromFiles.IssueTags,
            Attachments = fromFiles.Attachments,
            DroppedItems = fromFiles.DroppedItems,
        };
    }

    public void Dispose() => _http.Dispose();

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
