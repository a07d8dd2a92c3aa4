using System.Net;
using System.Security.Cryptography;
using System.Text;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Accounts.SignIn;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Accounts;

// DESIGN.md "Security": lockout, antiforgery, cookie flags, irreversible password hashes, hashed tokens.
// One server for the class: each test has an account of its own (locking one out touches no other).
[Collection(SequentialServers.Name)]
public sealed class AccountSecurityTests(SharedServer fixture) : IClassFixture<SharedServer>, IAsyncLifetime
{
    private readonly BugsinkTestServer _server = fixture.Server;
    private string _ann = null!;

    public async Task InitializeAsync()
    {
        _ann = SharedServer.NewEmail("ann");
        await _server.CreateUserAsync(_ann);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenAgainstTheRightOne()
    {
        using var client = new PageClient(_server.BaseAddress);
        for (var i = 0; i < 5; i++)
        {
            await client.LogInAsync(_ann, "wrong password " + i);
        }

        var page = await client.LogInAsync(_ann, BugsinkTestServer.TestPassword);
        Assert.Equal("/accounts/login/", page.Path);
        // The same words as for any failed login (issue 19): the lockout must not tell that the account exists.
        Assert.Equal(LoginModel.Failure, page.Get("[role=alert]").TextContent);
        var lockoutEnd = _server.Count("SELECT LockoutEnd FROM AspNetUsers WHERE Email = $e", ("$e", _ann));
        var minutes = DateTimeOffset.FromUnixTimeMilliseconds(lockoutEnd) - DateTimeOffset.UtcNow;
        Assert.InRange(minutes.TotalMinutes, 14, 15.1);
    }

    [Fact]
    public async Task FourWrongPasswords_DoNotLock()
    {
        using var client = new PageClient(_server.BaseAddress);
        for (var i = 0; i < 4; i++)
        {
            await client.LogInAsync(_ann, "wrong password " + i);
        }

        Assert.Equal("/projects/", (await client.LogInAsync(_ann, BugsinkTestServer.TestPassword)).Path);
    }

    [Fact]
    public async Task FormPostWithoutAntiforgeryToken_IsRefused()
    {
        using var client = await _server.LogInAsync(_ann);
        var name = SharedServer.NewName("Sneaky");
        using var response = await client.PostRawAsync("/teams/", new Dictionary<string, string> { ["Name"] = name });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _server.Count("SELECT count(*) FROM Teams WHERE Name = $n", ("$n", name)));
    }

    [Fact]
    public async Task LoginPostWithoutAntiforgeryToken_IsRefused()
    {
        using var client = new PageClient(_server.BaseAddress);
        using var response = await client.PostRawAsync("/accounts/login/", new Dictionary<string, string>
        {
            ["Email"] = _ann,
            ["Password"] = BugsinkTestServer.TestPassword,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(client.Cookies.GetCookies(_server.BaseAddress), c => c.Name == "bugsink.session");
    }

    [Fact]
    public async Task SessionCookie_IsHttpOnlyAndSameSite()
    {
        using var client = new PageClient(_server.BaseAddress, followRedirects: false);
        var login = await client.GetAsync("/accounts/login/");
        var form = login.Document.Forms[0];
        var token = form.Elements.First(e => e.GetAttribute("name") == "__RequestVerificationToken").GetAttribute("value")!;
        using var response = await client.Http.PostAsync("/accounts/login/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = _ann,
            ["Password"] = BugsinkTestServer.TestPassword,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bugsink.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        // Plain http here (SameAsRequest); behind https the cookie is Secure.
        Assert.DoesNotContain("secure", session.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        var antiforgery = login.Url;
        Assert.Contains(client.Cookies.GetCookies(antiforgery), c => c.Name == "bugsink.antiforgery" && c.HttpOnly);
    }

    [Fact]
    public async Task PasswordHash_IsASaltedOneWayHash()
    {
        var bob = SharedServer.NewEmail("bob");
        await _server.CreateUserAsync(bob);
        var hashes = ReadColumn("SELECT PasswordHash FROM AspNetUsers WHERE Email IN ($ann, $bob)", ("$ann", _ann), ("$bob", bob));
        Assert.Equal(2, hashes.Count);
        Assert.NotEqual(hashes[0], hashes[1]);
        foreach (var hash in hashes)
        {
            Assert.DoesNotContain(BugsinkTestServer.TestPassword, hash, StringComparison.Ordinal);
            // Identity's v3 format: 0x01, PBKDF2 with HMAC-SHA512, a random salt, 100,000 iterations or more.
            var bytes = Convert.FromBase64String(hash);
            Assert.Equal(0x01, bytes[0]);
            Assert.True(ReadBigEndian(bytes, 5) >= 100_000, "PBKDF2 iteration count");
        }

        using var scope = _server.Services.CreateScope();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
        var user = new User { UserName = "x", Email = "x" };
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(user, hashes[0], BugsinkTestServer.TestPassword));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, hashes[0], BugsinkTestServer.TestPassword + "!"));
    }

    [Fact]
    public async Task ApiToken_IsStoredOnlyAsItsHash()
    {
        using var client = await _server.LogInAsync(_ann);
        var page = await client.SubmitAsync("/settings/tokens/", "form.panel", new Dictionary<string, string> { ["Name"] = "ci" });
        var secret = page.Get("#secret-value").TextContent.Trim();

        var stored = ReadColumn("SELECT TokenHash || ' ' || Prefix || ' ' || Name FROM ApiTokens WHERE UserId = (SELECT Id FROM AspNetUsers WHERE Email = $e)", ("$e", _ann));
        var expectedHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        Assert.Equal(expectedHash, stored.Single().Split(' ')[0]);
        Assert.DoesNotContain(secret, File.ReadAllText(_server.MainDatabasePath, Encoding.Latin1), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, ReadWal(), StringComparison.Ordinal);
        Assert.True(stored.Single().Split(' ')[1].Length < 16, "Only a short prefix is kept to tell tokens apart.");
    }

    private string ReadWal()
    {
        var wal = _server.MainDatabasePath + "-wal";
        return File.Exists(wal) ? File.ReadAllText(wal, Encoding.Latin1) : "";
    }

    private List<string> ReadColumn(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={_server.MainDatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static uint ReadBigEndian(byte[] bytes, int offset) =>
        (uint)(bytes[offset] << 24 | bytes[offset + 1] << 16 | bytes[offset + 2] << 8 | bytes[offset + 3]);
}
