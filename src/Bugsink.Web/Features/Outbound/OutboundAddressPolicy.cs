using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Outbound;

// Which addresses the server may connect to: anything public, plus the networks an operator allowed.
// The refused ranges are the ways into the machine itself and the network it sits in: loopback, private
// (RFC 1918, RFC 4193), link-local (cloud metadata at 169.254.169.254 included), CGNAT, multicast,
// unspecified, broadcast and the reserved IPv4 block.
public sealed class OutboundAddressPolicy
{
    private static readonly (IPNetwork Network, string Reason)[] Refused =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified address"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address (RFC 1918)"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address (RFC 1918)"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address (RFC 1918)"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address (cloud metadata lives here)"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved or broadcast address"),
        (IPNetwork.Parse("::/128"), "an unspecified address"),
        (IPNetwork.Parse("::1/128"), "a loopback address"),
        (IPNetwork.Parse("fc00::/7"), "a private address (RFC 4193)"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("fec0::/10"), "a site-local address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
    ];

    private readonly IReadOnlyList<IPNetwork> _allowed;

    public OutboundAddressPolicy(IOptions<OutboundOptions> options)
    {
        if (!options.Value.TryParseAllowedNetworks(out var allowed, out var error))
        {
            throw new OptionsValidationException(OutboundOptions.Section, typeof(OutboundOptions), [error!]);
        }

        _allowed = allowed;
    }

    // Null when the address may be reached, else why not.
    public string? WhyRefused(IPAddress address)
    {
        // ::ffff:127.0.0.1 reaches 127.0.0.1: judge the IPv4 address it carries.
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return "not an IP address";
        }

        // Scope ids do not matter for the ranges; IPNetwork.Contains ignores them.
        foreach (var network in _allowed)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return null;
            }
        }

        foreach (var (network, reason) in Refused)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return $"{address} is {reason}, not listed in Bugsink:Outbound:AllowedNetworks";
            }
        }

        return null;
    }
}
