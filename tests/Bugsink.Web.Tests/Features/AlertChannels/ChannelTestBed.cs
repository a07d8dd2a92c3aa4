using System.Globalization;
using System.Text.Json;
using Bugsink.Web.Tests.Features.Alerts;
using Bugsink.Web.Tests.Features.Api;

namespace Bugsink.Web.Tests.Features.AlertChannels;

// An AlertTestBed (no SMTP unless asked: channels work without it) whose outbound guard allows only
// 127.0.0.1, with an administrator's API client for setting channels up the way a script would.
public sealed class ChannelTestBed : IAsyncDisposable
{
    private ChannelTestBed(AlertTestBed bed, ApiClient api)
    {
        Bed = bed;
        Api = api;
    }

    public AlertTestBed Bed { get; }

    public ApiClient Api { get; }

    public static Task<ChannelTestBed> StartAsync(bool withSmtp = false, params string[] settings) => StartAsync(withSmtp, null, settings);

    public static async Task<ChannelTestBed> StartAsync(bool withSmtp, TimeProvider? clock, params string[] settings)
    {
        var bed = await AlertTestBed.StartAsync(withSmtp, clock, ["--Bugsink:Outbound:AllowedNetworks=127.0.0.1/32", .. settings]);
        await bed.AddUserAsync("root@bugsink.test", sendEmailAlerts: false, isAdmin: true);
        return new ChannelTestBed(bed, await ApiClient.ForAsync(bed.Server, "root@bugsink.test"));
    }

    public static string Channels(long projectId) => string.Create(CultureInfo.InvariantCulture, $"projects/{projectId}/alert-channels/");

    public async Task<JsonElement> AddChannelAsync(long projectId, string kind, Uri url, string? secret = null, string[]? alerts = null, bool enabled = true)
    {
        var json = JsonSerializer.Serialize(new { name = kind + " channel", kind, url = url.ToString(), secret, alerts = alerts ?? ["new", "regression", "unmute", "volume"], enabled });
        var answer = await Api.PostAsync(Channels(projectId), json);
        Assert.True(answer.Status == System.Net.HttpStatusCode.Created, answer.Body);
        return answer.Json;
    }

    public static async Task WaitForAsync(Func<bool> condition, string what, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for " + what);
            await Task.Delay(100);
        }
    }

    public ValueTask DisposeAsync() => Bed.DisposeAsync();
}
