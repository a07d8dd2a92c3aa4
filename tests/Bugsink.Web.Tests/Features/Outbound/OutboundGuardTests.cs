using System.Net;
using System.Text;
using Bugsink.Web.Features.Outbound;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Tests.Features.Outbound;

// The outbound guard against real HTTP servers on loopback: with only 127.0.0.1/32 allowed, a receiver on
// 127.0.0.1 is reached, and every way towards "the inside" (127.0.0.2 stands for it) is refused, at the
// check a save makes and again when sending, while a second receiver listening on 127.0.0.2 gets nothing.
public sealed class OutboundGuardTests : IAsyncLifetime
{
    private LoopbackReceiver _outside = null!;
    private LoopbackReceiver _inside = null!;

    public async Task InitializeAsync()
    {
        _outside = await LoopbackReceiver.StartAsync("127.0.0.1");
        _inside = await LoopbackReceiver.StartAsync("127.0.0.2");
    }

    public async Task DisposeAsync()
    {
        await _outside.DisposeAsync();
        await _inside.DisposeAsync();
    }

    [Fact]
    public async Task An_allowed_address_is_reached()
    {
        var (guard, http) = Make();
        await guard.CheckAsync(_outside.Url.ToString(), CancellationToken.None);
        var result = await PostAsync(http, _outside.At("hook"));
        Assert.Equal(OutboundOutcome.Delivered, result.Outcome);
        Assert.Equal("/hook", Assert.Single(_outside.Received).Path);
    }

    [Theory]
    [InlineData("http://127.0.0.2:{0}/", "loopback")]
    [InlineData("http://[::1]:{0}/", "loopback")]
    [InlineData("http://[::ffff:127.0.0.2]:{0}/", "loopback")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://10.0.0.1/", "private")]
    [InlineData("http://192.168.1.1/", "private")]
    [InlineData("http://100.64.0.1/", "carrier-grade NAT")]
    [InlineData("http://[fd00::1]/", "RFC 4193")]
    [InlineData("http://[fe80::1]/", "link-local")]
    [InlineData("http://224.0.0.1/", "multicast")]
    [InlineData("http://0.0.0.0:{0}/", "unspecified")]
    [InlineData("http://inside.test:{0}/", "inside.test resolves to 127.0.0.2")]
    [InlineData("file:///etc/passwd", "not file")]
    [InlineData("gopher://127.0.0.1:{0}/", "not gopher")]
    [InlineData("ftp://example.com/", "not ftp")]
    [InlineData("/relative/path", "Only http and https")]
    [InlineData("not a url", "not an absolute URL")]
    public async Task Refused_at_save_and_at_send(string template, string reason)
    {
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, _inside.Url.Port);
        var (guard, http) = Make();

        var atSave = await Assert.ThrowsAsync<OutboundRefusedException>(() => guard.CheckAsync(url, CancellationToken.None));
        Assert.Contains(reason, atSave.Reason, StringComparison.Ordinal);

        var atSend = await PostAsync(http, url);
        Assert.Equal(OutboundOutcome.Refused, atSend.Outcome);
        Assert.Contains(reason, atSend.Error, StringComparison.Ordinal);
        Assert.Null(atSend.Status);
        Assert.Empty(_inside.Received);
    }

    [Fact]
    public async Task A_redirect_towards_the_inside_is_not_followed()
    {
        _outside.Respond = _ => Task.FromResult(Results.Redirect(_inside.At("metadata").ToString()));
        var (_, http) = Make();
        var result = await PostAsync(http, _outside.At("hook"));
        Assert.Equal(OutboundOutcome.Rejected, result.Outcome);
        Assert.Equal(302, result.Status);
        Assert.Contains("not followed", result.Error, StringComparison.Ordinal);
        Assert.False(result.IsRetryable);
        Assert.Single(_outside.Received);
        Assert.Empty(_inside.Received);
    }

    // DNS rebinding: the name passes when it is saved, then answers with the inside address. The send
    // resolves once more, checks that answer, and connects to nothing else.
    [Fact]
    public async Task A_name_that_rebinds_to_the_inside_after_the_save_is_refused_at_send()
    {
        var resolver = new ScriptedResolver(IPAddress.Loopback, IPAddress.Parse("127.0.0.2"));
        var (guard, http) = Make(resolver);
        await guard.CheckAsync($"http://rebind.test:{_inside.Url.Port}/", CancellationToken.None);
        var result = await PostAsync(http, $"http://rebind.test:{_inside.Url.Port}/");
        Assert.Equal(OutboundOutcome.Refused, result.Outcome);
        Assert.Contains("127.0.0.2", result.Error, StringComparison.Ordinal);
        Assert.Empty(_inside.Received);
    }

    // "localhost" as the system resolves it, with the default (nothing allowed): a name of the inside.
    [Fact]
    public async Task Localhost_is_refused_by_default()
    {
        var (guard, _) = Make(new SystemOutboundResolver(), allowed: "");
        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() => guard.CheckAsync($"http://localhost:{_inside.Url.Port}/", CancellationToken.None));
        Assert.Contains("localhost resolves to", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silent_receiver_times_out_and_a_long_error_body_is_read_only_in_part()
    {
        _outside.Respond = async r =>
        {
            if (r.Path == "/slow")
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
            }

            return Results.Text(new string('x', 1_000_000), statusCode: 503);
        };
        var (_, http) = Make(timeoutSeconds: 1);
        var slow = await PostAsync(http, _outside.At("slow"));
        Assert.Equal(OutboundOutcome.Unreachable, slow.Outcome);
        Assert.True(slow.IsRetryable);

        var big = await PostAsync(http, _outside.At("big"));
        Assert.Equal(503, big.Status);
        Assert.True(big.IsRetryable);
        Assert.True(big.Error!.Length < 1100, big.Error.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Allowed_networks_must_be_CIDRs()
    {
        var options = new OutboundOptions { AllowedNetworks = "127.0.0.1/32, banana" };
        Assert.False(options.TryParseAllowedNetworks(out _, out var error));
        Assert.Contains("banana", error, StringComparison.Ordinal);
    }

    private static async Task<OutboundResult> PostAsync(OutboundHttp http, object url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url.ToString()) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        return await http.SendAsync(request, CancellationToken.None);
    }

    private static (OutboundGuard Guard, OutboundHttp Http) Make(IOutboundResolver? resolver = null, int timeoutSeconds = 10, string allowed = "127.0.0.1/32")
    {
        var options = Options.Create(new OutboundOptions { AllowedNetworks = allowed, TimeoutSeconds = timeoutSeconds });
        var guard = new OutboundGuard(new OutboundAddressPolicy(options), resolver ?? new ScriptedResolver(IPAddress.Parse("127.0.0.2")));
        return (guard, new OutboundHttp(guard, options));
    }

    // Answers "inside.test" and "rebind.test" with the given addresses in turn (the last one from then on),
    // the way a DNS server under an attacker's control would.
    private sealed class ScriptedResolver(params IPAddress[] answers) : IOutboundResolver
    {
        private int _calls;

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            var answer = answers[Math.Min(Interlocked.Increment(ref _calls) - 1, answers.Length - 1)];
            return Task.FromResult(new[] { answer });
        }
    }
}
