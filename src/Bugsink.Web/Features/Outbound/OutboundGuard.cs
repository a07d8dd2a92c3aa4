using System.Net;
using System.Net.Sockets;

namespace Bugsink.Web.Features.Outbound;

// The checks every outbound URL passes: when a channel is saved (to refuse it with the reason) and again
// on every connection. The connection goes to an address checked here, resolved once: a name whose DNS
// answer changes between the check and the connect (DNS rebinding) cannot slip another address in.
public sealed class OutboundGuard(OutboundAddressPolicy policy, IOutboundResolver resolver)
{
    // Throws OutboundRefusedException unless the URL is absolute http(s) with a host.
    public static Uri ParseUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            throw new OutboundRefusedException("The URL is not an absolute URL.");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new OutboundRefusedException($"Only http and https URLs are sent to, not {uri.Scheme}.");
        }

        if (uri.Host.Length == 0)
        {
            throw new OutboundRefusedException("The URL has no host.");
        }

        return uri;
    }

    // The whole check a save makes: the URL's form, and every address its host resolves to now.
    public async Task<Uri> CheckAsync(string? url, CancellationToken cancellationToken)
    {
        var uri = ParseUrl(url);
        await ResolveCheckedAsync(uri.Host, cancellationToken);
        return uri;
    }

    // Every address must pass: a name that resolves to a public and a private address is refused, as a
    // client may connect to either.
    public async Task<IPAddress[]> ResolveCheckedAsync(string host, CancellationToken cancellationToken)
    {
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        IPAddress[] addresses;
        if (IPAddress.TryParse(bare, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await resolver.ResolveAsync(bare, cancellationToken);
            }
            catch (SocketException exception)
            {
                throw new OutboundRefusedException($"{bare} does not resolve ({exception.SocketErrorCode}).");
            }

            if (addresses.Length == 0)
            {
                throw new OutboundRefusedException($"{bare} does not resolve.");
            }
        }

        foreach (var address in addresses)
        {
            if (policy.WhyRefused(address) is { } reason)
            {
                throw new OutboundRefusedException(literal is null ? $"{bare} resolves to {reason}." : $"{reason}.");
            }
        }

        return addresses;
    }

    // SocketsHttpHandler.ConnectCallback: resolve once, check, and connect to exactly those addresses.
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await ResolveCheckedAsync(context.DnsEndPoint.Host, cancellationToken);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }
}
