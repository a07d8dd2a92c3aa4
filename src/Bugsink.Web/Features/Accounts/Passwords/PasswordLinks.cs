using System.Globalization;
using System.Text;
using Bugsink.Web.Infrastructure.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Accounts.Passwords;

// Links to /accounts/reset-password/ carrying an Identity reset token: sent by email ("forgot
// password"), or shown to an administrator to pass on when the server cannot send email. The token
// is bound to the user's security stamp, so it stops working once the password has been set.
public sealed class PasswordLinks(UserManager<User> users, IOptions<SiteOptions> site)
{
    public const string Path = "/accounts/reset-password/";

    public async Task<string> CreateAsync(User user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        return string.Create(CultureInfo.InvariantCulture, $"{site.Value.BaseUrl.TrimEnd('/')}{Path}?user={user.Id}&code={code}");
    }

    public static string? DecodeToken(string? code)
    {
        try
        {
            return string.IsNullOrEmpty(code) ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
