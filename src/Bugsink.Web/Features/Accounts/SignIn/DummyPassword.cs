using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Accounts.SignIn;

// A password hash nobody knows the password of, in the format and with the iterations of real accounts:
// checking a password against it with the installation's hasher costs what checking a real one does.
// Made once (a singleton); the hasher that checks is the request's, the one real passwords go through.
public sealed class DummyPassword(IOptions<PasswordHasherOptions> options)
{
    private static readonly User Nobody = new() { UserName = "", Email = "" };

    private readonly Lazy<string> _hash = new(() =>
        new PasswordHasher<User>(options).HashPassword(Nobody, Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));

    public void Verify(IPasswordHasher<User> hasher, string password) => hasher.VerifyHashedPassword(Nobody, _hash.Value, password);
}
