using System.Diagnostics;
using System.Net;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Accounts;

// Issue 19, found 4 and 6: nothing a stranger sends to the login and reset forms tells whether an account
// exists, which address it has, or that it is locked: not the text, not the time the answer takes.
[Collection(SequentialServers.Name)]
public sealed class AccountLeakTests
{
    // Every client its own X-Forwarded-For (the server trusts loopback as its proxy), so the per-client
    // limit of the sign-in forms is not what these tests meet.
    private static readonly string[] Args = ["--Bugsink:TrustedProxies=127.0.0.1"];

    [Fact]
    public async Task ResetPasswordPost_WithAWrongCode_ShowsNoAddress()
    {
        await using var server = await BugsinkTestServer.StartAsync(Args);
        var email = SharedServer.NewEmail("secret");
        var id = await server.CreateUserAsync(email);
        using var stranger = ClientFrom(server, "203.0.113.1");
        var token = await AntiforgeryTokenAsync(stranger);

        using var response = await stranger.PostRawAsync($"/accounts/reset-password/?user={id}&code=AAAA", new Dictionary<string, string>
        {
            ["Password"] = "x",
            ["ConfirmPassword"] = "y",
            ["__RequestVerificationToken"] = token,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(email, body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(email.Split('@')[0], body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task LockedAccount_GetsTheSameAnswerAsAnUnknownAddress()
    {
        await using var server = await BugsinkTestServer.StartAsync(Args);
        var email = SharedServer.NewEmail("locked");
        await server.CreateUserAsync(email);
        for (var i = 0; i < 5; i++)
        {
            using var guesser = ClientFrom(server, $"203.0.113.{10 + i}");
            await guesser.LogInAsync(email, "wrong password " + i);
        }

        Assert.True(server.Count("SELECT LockoutEnd IS NOT NULL FROM AspNetUsers WHERE Email = $e", ("$e", email)) == 1, "Five guessers lock the account.");
        using var owner = ClientFrom(server, "198.51.100.7");
        var locked = await owner.LogInAsync(email, BugsinkTestServer.TestPassword);
        var unknown = await owner.LogInAsync(SharedServer.NewEmail("nobody"), BugsinkTestServer.TestPassword);
        Assert.Equal("/accounts/login/", locked.Path);
        Assert.Equal(unknown.Get("[role=alert]").TextContent, locked.Get("[role=alert]").TextContent);
        Assert.Equal(unknown.Status, locked.Status);
    }

    // The deterministic half: an unknown address costs a password hash like a known one does.
    [Fact]
    public async Task UnknownAddress_IsCheckedByThePasswordHasherToo()
    {
        var hasher = new CountingHasher();
        await using var server = await BugsinkTestServer.StartAsync(
            services => services.AddSingleton<IPasswordHasher<User>>(hasher), Args);
        using var client = ClientFrom(server, "203.0.113.20");

        var before = hasher.Verifications;
        await client.LogInAsync(SharedServer.NewEmail("nobody"), "some password");
        Assert.Equal(before + 1, hasher.Verifications);
    }

    // The measured half: the median time of a login for a known and an unknown address (a wrong password
    // both times, locked or not) differ by less than a generous factor. Before the fix: ~270 ms against ~12 ms.
    [Fact]
    public async Task LoginTime_DoesNotTellWhetherTheAddressHasAnAccount()
    {
        await using var server = await BugsinkTestServer.StartAsync(Args);
        var email = SharedServer.NewEmail("timed");
        await server.CreateUserAsync(email);
        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            known.Add(await TimeLoginAsync(server, email, i));
            unknown.Add(await TimeLoginAsync(server, SharedServer.NewEmail("nobody"), i));
        }

        var (knownMedian, unknownMedian) = (Median(known), Median(unknown));
        var ratio = Math.Max(knownMedian, unknownMedian) / Math.Min(knownMedian, unknownMedian);
        Assert.True(ratio < 4, $"median login {knownMedian:F0} ms for an account, {unknownMedian:F0} ms without one");
    }

    private static async Task<double> TimeLoginAsync(BugsinkTestServer server, string email, int i)
    {
        using var client = ClientFrom(server, $"192.0.2.{i + 1}");
        var login = await client.GetAsync("/accounts/login/");
        var watch = Stopwatch.StartNew();
        await client.SubmitAsync(login, "main form", new Dictionary<string, string> { ["Email"] = email, ["Password"] = "not it " + i });
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    public static PageClient ClientFrom(BugsinkTestServer server, string address)
    {
        var client = new PageClient(server.BaseAddress);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    public static async Task<string> AntiforgeryTokenAsync(PageClient client)
    {
        var login = await client.GetAsync("/accounts/login/");
        return login.Get("input[name=__RequestVerificationToken]").GetAttribute("value")!;
    }

    // The real hasher, counted.
    private sealed class CountingHasher : IPasswordHasher<User>
    {
        private readonly PasswordHasher<User> _real = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(User user, string password) => _real.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
