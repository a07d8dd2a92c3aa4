using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Bugsink.Web.Features.AlertChannels;

// Webhook URLs are credentials (whoever has a Slack or Discord webhook URL can post with it), so they are
// stored encrypted with the installation's data-protection keys (in the data folder) and shown masked.
public sealed class ChannelSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Bugsink.AlertChannels.v1");

    public string Protect(string value) => _protector.Protect(value);

    public string Unprotect(string value) => _protector.Unprotect(value);

    // A fresh signing secret for a webhook that was given none: 32 random bytes, hex.
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    // https://hooks.slack.com/…Xy12: enough to recognise a channel, too little to use it.
    public static string Mask(Uri url)
    {
        var path = url.PathAndQuery;
        var tail = path.Length > 12 ? path[^4..] : "";
        return $"{url.Scheme}://{url.Authority}/…{tail}";
    }
}
