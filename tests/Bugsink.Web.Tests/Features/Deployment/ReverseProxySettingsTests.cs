using System.Collections;
using System.Net;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http;

namespace Bugsink.Web.Tests.Features.Deployment;

public sealed class ReverseProxySettingsTests
{
    [Fact]
    public void TrustedProxiesVariable_MapsToBugsinkKey()
    {
        var values = FlatEnvironmentVariables.Translate(new Hashtable { ["BUGSINK_TRUSTED_PROXIES"] = "10.0.0.5,172.16.0.0/12" });
        Assert.Equal("10.0.0.5,172.16.0.0/12", values["Bugsink:TrustedProxies"]);
    }

    [Fact]
    public void AddressesAndRanges_BecomeKnownProxiesAndNetworks()
    {
        var options = TrustedProxies.ToForwardedHeadersOptions(" 10.0.0.5, 172.16.0.0/12 ,::1,fd00::/8 ");
        Assert.NotNull(options);
        Assert.Equal([IPAddress.Parse("10.0.0.5"), IPAddress.IPv6Loopback], options.KnownProxies);
        Assert.Equal(["172.16.0.0/12", "fd00::/8"], options.KnownIPNetworks.Select(network => network.ToString()));
        Assert.Null(options.ForwardLimit);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" , ")]
    public void NothingConfigured_TrustsNobody(string? value) => Assert.Null(TrustedProxies.ToForwardedHeadersOptions(value));

    [Theory]
    [InlineData("nginx")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.1/")]
    [InlineData("10.0.0.1, 300.1.1.1")]
    public void Typo_StopsTheStartWithTheEntry(string value)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => TrustedProxies.ToForwardedHeadersOptions(value));
        Assert.Contains("BUGSINK_TRUSTED_PROXIES", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8000", "")]
    [InlineData("https://example.com/", "")]
    [InlineData("https://example.com/errors", "/errors")]
    [InlineData("https://example.com/errors/", "/errors")]
    [InlineData("https://example.com/team/errors", "/team/errors")]
    public void BaseUrlPath_IsThePathBase(string baseUrl, string expected) =>
        Assert.Equal(new PathString(expected.Length == 0 ? null : expected), ReverseProxySetup.BasePath(baseUrl));

    [Theory]
    [InlineData("example.com/errors")]
    [InlineData("ftp://example.com/")]
    public void BaseUrlNotHttp_StopsTheStart(string baseUrl) =>
        Assert.Throws<InvalidOperationException>(() => ReverseProxySetup.BasePath(baseUrl));
}
