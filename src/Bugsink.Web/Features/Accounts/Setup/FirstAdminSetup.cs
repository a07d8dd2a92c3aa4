using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Bugsink.Web.Features.Accounts.Setup;

// The one-time link that creates the first administrator in the browser, for installations where no
// shell is at hand (a container with BUGSINK_ADMIN unset). Made at start on an installation without
// users, printed only in the server's log, kept only in this process's memory, valid for Lifetime and
// for one use; any account created by another way makes it moot, because the page then refuses.
public sealed class FirstAdminSetup(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly Lock _gate = new();
    private byte[]? _token;
    private DateTimeOffset _expires;

    public string Issue()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        lock (_gate)
        {
            (_token, _expires) = (Encoding.ASCII.GetBytes(token), clock.GetUtcNow() + Lifetime);
        }

        return token;
    }

    public bool IsValid(string? token)
    {
        lock (_gate)
        {
            return _token is not null && token is not null && clock.GetUtcNow() < _expires
                && CryptographicOperations.FixedTimeEquals(_token, Encoding.ASCII.GetBytes(token));
        }
    }

    // True for exactly one caller holding the valid token: the one that may create the account.
    public bool TryConsume(string? token)
    {
        lock (_gate)
        {
            if (!IsValid(token))
            {
                return false;
            }

            _token = null;
            return true;
        }
    }
}
