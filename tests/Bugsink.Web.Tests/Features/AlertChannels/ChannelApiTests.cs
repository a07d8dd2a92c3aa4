using System.Globalization;
using System.Net;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Bugsink.Web.Tests.Features.AlertChannels;

// The API contract of issue 23 as a script uses it: create (URL masked; a refused URL is a 400 with the
// guard's reason), list, test (200, or 502 with the service's status, a redirect included), delete, and
// the project's volume rule by PATCH.
[Collection(SequentialServers.Name)]
public sealed class ChannelApiTests
{
    [Fact]
    public async Task Channels_are_created_listed_masked_tested_and_deleted_and_refused_urls_get_the_reason()
    {
        await using var bed = await ChannelTestBed.StartAsync();
        await using var receiver = await LoopbackReceiver.StartAsync();
        await using var inside = await LoopbackReceiver.StartAsync("127.0.0.2");
        var project = await bed.Bed.CreateProjectAsync("Shop");
        var path = ChannelTestBed.Channels(project.Id);

        var created = await bed.AddChannelAsync(project.Id, "slack", receiver.At("services/T000/B000/XXXXXXXXsecretpath"));
        var url = created.GetProperty("url").GetString()!;
        Assert.DoesNotContain("XXXXXXXXsecret", url, StringComparison.Ordinal);
        Assert.StartsWith(receiver.Url.ToString().TrimEnd('/'), url, StringComparison.Ordinal);
        var listed = await bed.Api.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        Assert.Null(listed.Next);
        Assert.Equal(url, Assert.Single(listed.Results).GetProperty("url").GetString());
        Assert.DoesNotContain("secretpath", listed.Body, StringComparison.Ordinal);
        Assert.Equal(0, bed.Bed.Server.Count("SELECT count(*) FROM AlertChannels WHERE ProtectedUrl LIKE '%secretpath%'"));

        foreach (var refused in new[] { $"http://127.0.0.2:{inside.Url.Port}/", "http://[::1]/", "http://169.254.169.254/", "http://10.0.0.1/", "http://0.0.0.0/", "file:///etc/passwd", "gopher://127.0.0.1/" })
        {
            var answer = await bed.Api.PostAsync(path, $$"""{"name": "x", "kind": "webhook", "url": "{{refused}}", "alerts": ["new"]}""");
            Assert.True(answer.Status == HttpStatusCode.BadRequest, refused + ": " + answer.Body);
            Assert.StartsWith("url refused: ", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var badKind = await bed.Api.PostAsync(path, """{"name": "x", "kind": "telegram", "url": "http://127.0.0.1/", "alerts": ["new"]}""");
        Assert.Equal(HttpStatusCode.BadRequest, badKind.Status);
        Assert.Empty(inside.Received);

        var id = created.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        var ok = await bed.Api.PostAsync($"{path}{id}/test/");
        Assert.True(ok.Status == HttpStatusCode.OK, ok.Body);
        Assert.Contains("Test message", Assert.Single(receiver.Received).Body, StringComparison.Ordinal);

        receiver.Respond = _ => Task.FromResult(Results.Redirect(inside.At("latest/meta-data/").ToString()));
        var redirected = await bed.Api.PostAsync($"{path}{id}/test/");
        Assert.Equal(HttpStatusCode.BadGateway, redirected.Status);
        Assert.Equal(302, redirected.Json.GetProperty("status").GetInt32());
        Assert.Contains("not followed", redirected.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);

        receiver.Respond = _ => Task.FromResult(Results.Text("no_service", statusCode: 404));
        var gone = await bed.Api.PostAsync($"{path}{id}/test/");
        Assert.Equal(HttpStatusCode.BadGateway, gone.Status);
        Assert.Equal(404, gone.Json.GetProperty("status").GetInt32());
        Assert.Contains("no_service", gone.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(inside.Received);

        Assert.Equal(HttpStatusCode.NoContent, (await bed.Api.DeleteAsync($"{path}{id}/")).Status);
        Assert.Empty((await bed.Api.GetAsync(path)).Results);
        Assert.Equal(HttpStatusCode.NotFound, (await bed.Api.GetAsync(ChannelTestBed.Channels(project.Id + 1000))).Status);
    }

    [Fact]
    public async Task A_channel_is_changed_by_patch_and_unknown_kinds_or_channels_are_refused()
    {
        await using var bed = await ChannelTestBed.StartAsync();
        await using var receiver = await LoopbackReceiver.StartAsync();
        var project = await bed.Bed.CreateProjectAsync("Shop");
        var other = await bed.Bed.CreateProjectAsync("Billing");
        var id = (await bed.AddChannelAsync(project.Id, "teams", receiver.At("webhookb2/abc"))).GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        var channel = ChannelTestBed.Channels(project.Id) + id + "/";

        var changed = await bed.Api.PatchAsync(channel, """{"alerts": ["assignment"]}""");
        Assert.True(changed.Status == HttpStatusCode.OK, changed.Body);
        Assert.Equal(["assignment"], changed.Json.GetProperty("alerts").EnumerateArray().Select(a => a.GetString()));
        Assert.True(changed.Json.GetProperty("enabled").GetBoolean());

        var off = await bed.Api.PatchAsync(channel, """{"enabled": false}""");
        Assert.False(off.Json.GetProperty("enabled").GetBoolean());
        Assert.Equal(["assignment"], off.Json.GetProperty("alerts").EnumerateArray().Select(a => a.GetString()));

        var unknown = await bed.Api.PatchAsync(channel, """{"alerts": ["everything"]}""");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains("not \"everything\"", unknown.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, bed.Bed.Server.Count("SELECT count(*) FROM AlertChannels WHERE OnAssignment = 1 AND OnNewIssue = 0 AND IsEnabled = 0"));

        // The channel belongs to Shop: reached through Billing's path it does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await bed.Api.PatchAsync(ChannelTestBed.Channels(other.Id) + id + "/", """{"enabled": true}""")).Status);
    }

    [Fact]
    public async Task The_volume_rule_is_set_and_switched_off_by_patching_the_project()
    {
        await using var bed = await ChannelTestBed.StartAsync();
        var project = await bed.Bed.CreateProjectAsync("Shop");
        var path = string.Create(CultureInfo.InvariantCulture, $"projects/{project.Id}/");

        var set = await bed.Api.PatchAsync(path, """{"volume_alert": {"events": 5, "minutes": 10}}""");
        Assert.True(set.Status == HttpStatusCode.OK, set.Body);
        Assert.Equal(5, set.Json.GetProperty("volume_alert").GetProperty("events").GetInt32());
        Assert.Equal(10, bed.Bed.Server.Count("SELECT Minutes FROM VolumeAlertRules"));

        Assert.Equal(HttpStatusCode.BadRequest, (await bed.Api.PatchAsync(path, """{"volume_alert": {"events": 0, "minutes": 10}}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await bed.Api.PatchAsync(path, """{"volume_alert": "lots"}""")).Status);

        var off = await bed.Api.PatchAsync(path, """{"volume_alert": null}""");
        Assert.Equal(HttpStatusCode.OK, off.Status);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, off.Json.GetProperty("volume_alert").ValueKind);
        Assert.Equal(0, bed.Bed.Server.Count("SELECT count(*) FROM VolumeAlertRules"));
    }
}
