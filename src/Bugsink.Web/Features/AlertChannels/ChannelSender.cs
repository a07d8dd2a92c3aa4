using System.Security.Cryptography;
using System.Text;
using Bugsink.Web.Features.Outbound;

namespace Bugsink.Web.Features.AlertChannels;

// Posts one message body to one channel through the outbound guard. Every request carries
// X-Bugsink-Delivery; generic webhooks also X-Bugsink-Signature: sha256=HEX, the HMAC-SHA256 of the
// exact body bytes with the channel's secret, so the receiver can tell the message is ours and whole.
public sealed class ChannelSender(OutboundHttp http, ChannelSecrets secrets)
{
    public async Task<OutboundResult> SendAsync(AlertChannel channel, string body, string deliveryId, CancellationToken cancellationToken)
    {
        string url;
        string? secret;
        try
        {
            url = secrets.Unprotect(channel.ProtectedUrl);
            secret = channel.ProtectedSecret is { } protectedSecret ? secrets.Unprotect(protectedSecret) : null;
        }
        catch (CryptographicException)
        {
            return new OutboundResult(OutboundOutcome.Refused, null, "The channel's URL cannot be decrypted (were the data-protection keys replaced?); add the channel again.", null);
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.ParseAdd("Bugsink");
        request.Headers.Add("X-Bugsink-Delivery", deliveryId);
        if (channel.Kind == ChannelKinds.Webhook && secret is not null)
        {
            request.Headers.Add("X-Bugsink-Signature", Signature(secret, bytes));
        }

        return await http.SendAsync(request, cancellationToken);
    }

    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
