using System.Net;
using System.Text.Json.Nodes;
using Bugsink.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Issues.Pages;

// Every payload of the shared corpus, sent through /store/, renders its issue page (200, a heading,
// the raw JSON downloadable), and the issue lists with all of them render too.
[Collection(SequentialServers.Name)]
public sealed class SampleRenderingTests(IssuePagesFixture fixture, ITestOutputHelper output) : IClassFixture<IssuePagesFixture>
{
    [SkippableFact]
    public async Task EverySample_RendersItsIssuePage()
    {
        if (!SampleEvents.Available(output))
        {
            return;
        }

        var failures = new List<string>();
        var rendered = 0;
        foreach (var file in SampleEvents.Files)
        {
            JsonObject payload;
            try
            {
                payload = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
            {
                output.WriteLine($"not a JSON object, skipped: {Path.GetFileName(file)}");
                continue;
            }

            var (issueId, eventId) = await fixture.SendAsync(fixture.Alpha, payload);
            var page = await fixture.Ann.GetAsync($"/issues/{issueId}/events/{eventId}/");
            if (page.Status != HttpStatusCode.OK || page.Find("h1") is null || page.Find("#stacktrace") is null)
            {
                failures.Add($"{Path.GetRelativePath(SampleEvents.Folder!, file)}: {(int)page.Status}");
            }
            else
            {
                rendered++;
            }
        }

        output.WriteLine($"{rendered} sample issue pages rendered");
        Assert.Empty(failures);
        foreach (var tab in new[] { "open", "all" })
        {
            Assert.Equal(HttpStatusCode.OK, (await fixture.Ann.GetAsync($"/projects/{fixture.Alpha.Id}/issues/?tab={tab}")).Status);
        }
    }
}
