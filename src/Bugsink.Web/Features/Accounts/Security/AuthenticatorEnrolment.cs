using System.Text;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace Bugsink.Web.Features.Accounts.Security;

// KeyIsNew: the key was made just now, which changed the security stamp (Identity does that with every new
// key), so a signed-in page must refresh its session cookie.
public sealed record AuthenticatorSetup(string Key, string FormattedKey, string Uri, string QrCodeDataUri, bool KeyIsNew);

// Identity's authenticator support (RFC 6238: HMAC-SHA1, 6 digits, 30 s steps, the key kept in
// AspNetUserTokens) wrapped for the pages: the key and its QR code, confirming a first code, ten
// recovery codes, and turning the factor off (by the user or an administrator).
public sealed class AuthenticatorEnrolment(UserManager<User> users)
{
    public const int RecoveryCodeCount = 10;

    private const string Issuer = "Bugsink";

    // The key being enrolled: made once and kept until the factor is confirmed (a reload shows the
    // same QR code, so a scan made before it still works).
    public async Task<AuthenticatorSetup> SetupAsync(User user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        var isNew = string.IsNullOrEmpty(key);
        if (isNew)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        ArgumentException.ThrowIfNullOrEmpty(key);
        var label = Uri.EscapeDataString($"{Issuer}:{user.Email}");
        var uri = $"otpauth://totp/{label}?secret={key}&issuer={Issuer}&algorithm=SHA1&digits=6&period=30";
        return new AuthenticatorSetup(key, Format(key), uri, QrCode(uri), isNew);
    }

    // Null unless the code matches the key; then the factor is on, and the ten recovery codes returned
    // are shown once (Identity keeps them in its token store; no page shows them again).
    public async Task<IReadOnlyList<string>?> ConfirmAsync(User user, string code)
    {
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Normalize(code));
        if (!valid)
        {
            return null;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        return await NewRecoveryCodesAsync(user);
    }

    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(User user) =>
        [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];

    // Off, with a fresh key (the old one may be on a lost phone); a new key changes the security stamp,
    // which ends the account's sessions. Recovery codes of the old enrolment are replaced at the next one.
    public async Task TurnOffAsync(User user)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
    }

    // What people type: "123 456", "123-456"; recovery codes keep their dash.
    public static string Normalize(string code) => code.Replace(" ", "", StringComparison.Ordinal).Trim();

    public static bool LooksLikeAuthenticatorCode(string code)
    {
        var digits = Normalize(code).Replace("-", "", StringComparison.Ordinal);
        return digits.Length == 6 && digits.All(char.IsAsciiDigit);
    }

    // Groups of four, lower case, as authenticator apps show keys typed by hand.
    private static string Format(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }

    // An SVG in a data: URI for an <img>: no script, and the Content-Security-Policy allows data: images
    // but no inline styles, which inline SVG markup might carry.
    private static string QrCode(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }
}
