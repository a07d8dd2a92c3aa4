using System.Net;
using Bugsink.Web.Features.Accounts.SignIn;

namespace Bugsink.Web.Tests.Features.Accounts;

// Who counts as one client for the sign-in limit: an IPv4 address, or an IPv6 /64 (whoever has one
// address of a network usually has all of it, and could otherwise make up a fresh client per guess).
public sealed class SignInThrottleClientKeyTests
{
    [Theory]
    [InlineData("203.0.113.5", "203.0.113.5")]
    [InlineData("::ffff:203.0.113.5", "203.0.113.5")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void ClientKey_IsTheAddressOrItsIpv6Network(string address, string key) =>
        Assert.Equal(key, SignInThrottle.ClientKey(IPAddress.Parse(address)));
}
