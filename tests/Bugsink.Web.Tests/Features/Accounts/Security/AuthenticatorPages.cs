using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Accounts.Security;

// Driving the authenticator pages as a person with an authenticator app does.
public static class AuthenticatorPages
{
    public sealed record Enrolled(string Key, IReadOnlyList<string> RecoveryCodes);

    // From the account page: follow its link, read the key, confirm with a code computed from it.
    public static async Task<Enrolled> EnrolAsync(PageClient client)
    {
        var security = await client.GetAsync("/accounts/security/");
        var link = security.Get("a[href='/accounts/security/authenticator/']").GetAttribute("href")!;
        return await ConfirmAsync(client, await client.GetAsync(link));
    }

    // On the enrolment page (reached from the account page or forced after the password).
    public static async Task<Enrolled> ConfirmAsync(PageClient client, Page enrolment)
    {
        var key = enrolment.Get("#authenticator-key").TextContent;
        Assert.StartsWith("data:image/svg+xml;base64,", enrolment.Get("#authenticator-qr").GetAttribute("src"));
        var done = await client.SubmitAsync(enrolment, "main form", new Dictionary<string, string> { ["Code"] = TestTotp.Code(key, DateTimeOffset.UtcNow) });
        var codes = done.FindAll("#recovery-codes code").Select(c => c.TextContent).ToList();
        Assert.True(codes.Count == 10, $"{done.Status} {done.Url}: {done.Text}");
        return new Enrolled(key, codes);
    }

    public static async Task<Page> EnterCodeAsync(PageClient client, Page codePage, string code, bool rememberBrowser = false)
    {
        var values = new Dictionary<string, string> { ["Code"] = code };
        if (rememberBrowser)
        {
            values["RememberBrowser"] = "true";
        }

        return await client.SubmitAsync(codePage, "main form", values);
    }

    // A code that is not valid in any step the server accepts around now.
    public static string WrongCode(string key)
    {
        var now = DateTimeOffset.UtcNow;
        var valid = Enumerable.Range(-3, 7).Select(step => TestTotp.Code(key, now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => i.ToString("000000", System.Globalization.CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }
}
