using System.Net;

namespace Bugsink.Web.Features.Outbound;

// Bound from "Bugsink:Outbound": the one guard every request the server sends goes through.
public sealed class OutboundOptions
{
    public const string Section = "Bugsink:Outbound";

    // CIDRs (comma-separated) that may be reached although they are loopback, private, link-local and so
    // on, e.g. "10.1.2.0/24" for a chat server inside the network. Empty: only public addresses.
    public string AllowedNetworks { get; set; } = "";

    public int TimeoutSeconds { get; set; } = 10;

    // Response bodies are read up to this many bytes (for the error text); the rest is not read.
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public bool TryParseAllowedNetworks(out IReadOnlyList<IPNetwork> networks, out string? error)
    {
        var parsed = new List<IPNetwork>();
        networks = parsed;
        error = null;
        foreach (var part in AllowedNetworks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IPNetwork.TryParse(part, out var network))
            {
                error = $"Bugsink:Outbound:AllowedNetworks: \"{part}\" is not a CIDR such as 10.0.0.0/8 or fd00::/8.";
                return false;
            }

            parsed.Add(network);
        }

        return true;
    }
}
