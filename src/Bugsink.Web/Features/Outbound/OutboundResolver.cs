using System.Net;

namespace Bugsink.Web.Features.Outbound;

// Host name to addresses. A seam only so that a test can make a name resolve to 127.0.0.2 without
// editing /etc/hosts or reaching a public DNS server; the server always uses the system's resolver.
public interface IOutboundResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

public sealed class SystemOutboundResolver : IOutboundResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
