using System.Globalization;
using System.Text;

namespace Bugsink.Benchmarks.Paired;

// Issue 22: the "with" project has the bundle and its map uploaded for the events' release, the way
// sentry-cli 2.x's release-file upload does it, so every new issue's culprit is resolved from the map.
public sealed class SourceMapVariant(JavaScriptBundle bundle) : IPairedVariant
{
    public string Title => "JavaScript events, digest with and without source maps to resolve new issues' culprits";

    public string WithLabel => "with maps";

    public string WithoutLabel => "no maps";

    public IReadOnlyList<string> ServerSettings => [];

    public async Task SetUpAsync(HttpClient api, long projectId)
    {
        var project = projectId.ToString(CultureInfo.InvariantCulture);
        await PairedApi.EnsureAsync(
            await api.PostAsJsonAsync($"api/0/projects/bugsink/{project}/releases/", new { version = JavaScriptEventWriter.Release }), "creating the release");
        await UploadAsync(api, project, bundle.Minified, "app.min.js", JavaScriptBundle.UploadName, "Sourcemap:app.min.js.map");
        await UploadAsync(api, project, bundle.Map, "app.min.js.map", JavaScriptBundle.MapName, null);
    }

    public string? Describe() => null;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task UploadAsync(HttpClient api, string project, string content, string fileName, string name, string? header)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", fileName);
        form.Add(new StringContent(name), "name");
        if (header is not null)
        {
            form.Add(new StringContent(header), "header");
        }

        await PairedApi.EnsureAsync(
            await api.PostAsync($"api/0/projects/bugsink/{project}/releases/{Uri.EscapeDataString(JavaScriptEventWriter.Release)}/files/", form),
            "uploading " + name);
    }
}
