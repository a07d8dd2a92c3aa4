using System.Buffers.Text;
using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace Bugsink.Web.Features.Accounts.Security.Passkeys;

// A passkey's credential id travels in forms as base64url (WebAuthn's own spelling of it).
public static class PasskeyIds
{
    public const int MaxNameLength = 100;

    public static string Encode(byte[] credentialId) => Base64Url.EncodeToString(credentialId);

    // Null for text that is not base64url: a form field is a stranger's.
    public static byte[]? Decode(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 1024 || !Base64Url.IsValid(id))
        {
            return null;
        }

        return Base64Url.DecodeFromChars(id);
    }

    // What the authenticator shows the person when they pick a passkey: the account's email address.
    public static PasskeyUserEntity EntityOf(User user) => new()
    {
        Id = user.Id.ToString(CultureInfo.InvariantCulture),
        Name = user.Email ?? user.UserName ?? "",
        DisplayName = user.Email ?? user.UserName ?? "",
    };

    public static string? CleanName(string? name)
    {
        var trimmed = name?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > MaxNameLength ? trimmed[..MaxNameLength] : trimmed;
    }
}
