using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Bugsink.Web.Infrastructure.Web;

// Turns Bugsink:TrustedProxies (BUGSINK_TRUSTED_PROXIES: "10.0.0.5, 172.16.0.0/12, ::1") into the
// options of ASP.NET Core's forwarded-headers middleware. A typo must stop the start-up: silently
// ignoring an entry would make every client appear to be the proxy.
public static class TrustedProxies
{
    // Whether a connection from this address comes from a listed proxy.
    public static bool Includes(ForwardedHeadersOptions? options, IPAddress? address)
    {
        if (options is null || address is null)
        {
            return false;
        }

        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return options.KnownProxies.Contains(address) || options.KnownIPNetworks.Any(network => network.Contains(address));
    }

    // Null when no proxy is trusted; then X-Forwarded-* headers are ignored altogether.
    public static ForwardedHeadersOptions? ToForwardedHeadersOptions(string? trustedProxies)
    {
        var entries = (trustedProxies ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            return null;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            // No hop limit: the middleware walks X-Forwarded-For from the right and stops at the first
            // address that is not a trusted proxy, so a chain (CDN, then nginx) works when both are listed,
            // and whatever a client wrote at the left of the header is never believed.
            ForwardLimit = null,
        };

        // The defaults trust loopback; only what the operator listed is trusted here.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in entries)
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else if (!entry.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(entry, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException(
                    $"Bugsink:TrustedProxies (BUGSINK_TRUSTED_PROXIES) has '{entry}', which is neither an IP address nor a CIDR range such as 10.0.0.0/8.");
            }
        }

        return options;
    }
}
