using System.Net;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Accounts;

// Issue 19, found 6: one client is stopped (429) before its guesses reach the account's lockout, so a
// stranger cannot keep the owner locked out; password-reset mails are throttled per address.
[Collection(SequentialServers.Name)]
public sealed class SignInThrottleTests
{
    [Fact]
    public async Task OneClient_Gets429BeforeTheLockout_AndTheOwnerStillLogsIn()
    {
        await using var server = await BugsinkTestServer.StartAsync(
            "--Bugsink:TrustedProxies=127.0.0.1", "--Bugsink:Accounts:AttemptsPerClient=4", "--Bugsink:Accounts:AttemptWindowSeconds=300");
        var email = SharedServer.NewEmail("admin");
        await server.CreateUserAsync(email, isAdmin: true);
        using var stranger = AccountLeakTests.ClientFrom(server, "203.0.113.66");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await stranger.LogInAsync(email, "guess " + i)).Status);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(0, server.Count("SELECT count(*) FROM AspNetUsers WHERE Email = $e AND LockoutEnd IS NOT NULL", ("$e", email)));
        using var owner = AccountLeakTests.ClientFrom(server, "198.51.100.1");
        Assert.Equal("/projects/", (await owner.LogInAsync(email, BugsinkTestServer.TestPassword)).Path);
    }

    // A stranger who waits out the limit again and again still never locks the account: the lockout only
    // counts guesses closer together than one client is allowed to make them.
    [Fact]
    public async Task OneClientGuessingAtItsAllowedPace_NeverLocksTheAccount()
    {
        await using var server = await BugsinkTestServer.StartAsync(
            "--Bugsink:TrustedProxies=127.0.0.1", "--Bugsink:Accounts:AttemptsPerClient=4", "--Bugsink:Accounts:AttemptWindowSeconds=2");
        var email = SharedServer.NewEmail("admin");
        await server.CreateUserAsync(email, isAdmin: true);
        using var stranger = AccountLeakTests.ClientFrom(server, "203.0.113.67");
        var answered = 0;
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                answered += (await stranger.LogInAsync(email, $"guess {round}.{i}")).Status == HttpStatusCode.OK ? 1 : 0;
            }

            // A whole window and more: the limiter hands permits back on a timer, which a loaded machine runs
            // late (at 2.3 s one round in CI was refused whole: 8 of 12 answered).
            await Task.Delay(3500);
        }

        Assert.True(answered >= 10, $"{answered} of 12 guesses were answered (not 429)");
        Assert.Equal(0, server.Count("SELECT count(*) FROM AspNetUsers WHERE Email = $e AND LockoutEnd IS NOT NULL", ("$e", email)));
    }

    [Fact]
    public async Task ForgotPassword_AndAcceptInvitation_AreLimitedPerClientToo()
    {
        await using var server = await BugsinkTestServer.StartAsync(
            "--Bugsink:TrustedProxies=127.0.0.1", "--Bugsink:Accounts:AttemptsPerClient=2");
        using var stranger = AccountLeakTests.ClientFrom(server, "203.0.113.68");
        var token = await AccountLeakTests.AntiforgeryTokenAsync(stranger);
        foreach (var path in new[] { "/accounts/forgot-password/", "/accounts/invitations/0123456789abcdef/?handler=Register" })
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 3; i++)
            {
                using var response = await stranger.PostRawAsync(path, new Dictionary<string, string>
                {
                    ["Email"] = "who@example.com",
                    ["Password"] = "long enough password",
                    ["ConfirmPassword"] = "long enough password",
                    ["__RequestVerificationToken"] = token,
                });
                statuses.Add(response.StatusCode);
            }

            Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(2));
            Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
        }
    }

    [Fact]
    public async Task PasswordMails_AreThrottledPerAddress_WhateverTheClient()
    {
        await using var smtp = SmtpTestServer.Start();
        await using var server = await BugsinkTestServer.StartAsync(
            [.. smtp.ServerArgs, "--Bugsink:TrustedProxies=127.0.0.1", "--Bugsink:Accounts:PasswordEmailsPerAddressPerHour=2"]);
        var email = SharedServer.NewEmail("forgetful");
        await server.CreateUserAsync(email);
        var flashes = new HashSet<string?>();
        for (var i = 0; i < 5; i++)
        {
            using var client = AccountLeakTests.ClientFrom(server, $"203.0.113.{100 + i}");
            var page = await client.SubmitAsync("/accounts/forgot-password/", "main form", new Dictionary<string, string> { ["Email"] = email });
            flashes.Add(page.Flash);
        }

        await InvitationTests.MailToAsync(smtp, email);
        await Task.Delay(1000);
        Assert.Equal(2, smtp.Received.Count(m => m.To == email));
        Assert.Single(flashes);
    }
}
