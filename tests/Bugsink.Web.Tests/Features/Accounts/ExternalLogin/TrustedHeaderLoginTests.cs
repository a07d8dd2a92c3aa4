using System.Net;
using System.Net.Sockets;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Accounts.ExternalLogin;

// Bugsink:Auth:TrustedHeader: the proxy is 127.0.0.2 (connections are made from that address, which Linux
// routes on loopback); everything from 127.0.0.1 is "another address".
[Collection(SequentialServers.Name)]
public sealed class TrustedHeaderLoginTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BugsinkTestServer.StartAsync(
        "--Bugsink:TrustedProxies=127.0.0.2", "--Bugsink:Auth:TrustedHeader=Remote-Email", "--Bugsink:Oidc:AllowedEmailDomains=example.com");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task HeaderFromTheTrustedProxy_SignsIn_AndCreatesTheAccount()
    {
        using var proxy = Client(IPAddress.Parse("127.0.0.2"));
        using var response = await GetAsync(proxy, "proxied@example.com", forwardedFor: "203.0.113.9");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("proxied@example.com", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeaderFromAnotherAddress_IsIgnored_WhateverXForwardedForSays()
    {
        using var stranger = Client(IPAddress.Loopback);
        using var response = await GetAsync(stranger, "proxied@example.com", forwardedFor: "127.0.0.2");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/accounts/login/", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeaderWithAnAddressOutsideTheAllowedDomains_DoesNotSignIn()
    {
        using var proxy = Client(IPAddress.Parse("127.0.0.2"));
        using var response = await GetAsync(proxy, "someone@elsewhere.test", forwardedFor: null);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(HttpClient client, string email, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseAddress, "/projects/"));
        request.Headers.Add("Remote-Email", email);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request);
    }

    // A client whose connections come from this local address.
    private static HttpClient Client(IPAddress from) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });
}
