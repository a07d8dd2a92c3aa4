using System.Net;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Infrastructure.Jobs;
using Bugsink.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Accounts;

// /jobs (the Hangfire dashboard) shows job arguments and can retry or delete jobs: administrators only,
// answered the way /admin/system/ answers (login page, access-denied page), from any address.
[Collection(SequentialServers.Name)]
public sealed class JobsDashboardAccessTests(SharedServer fixture) : IClassFixture<SharedServer>
{
    private BugsinkTestServer Server => fixture.Server;

    [Theory]
    [InlineData("/jobs")]
    [InlineData("/jobs/jobs/succeeded")]
    [InlineData("/jobs/recurring")]
    public async Task Anonymous_IsSentToTheLogin(string path)
    {
        using var anonymous = new PageClient(Server.BaseAddress);
        var page = await anonymous.GetAsync(path);
        Assert.Equal("/accounts/login/", page.Path);
        Assert.DoesNotContain("Hangfire", page.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Anonymous_CannotPollOrPostToTheDashboard()
    {
        using var anonymous = new PageClient(Server.BaseAddress, followRedirects: false);
        using var stats = await anonymous.Http.PostAsync("/jobs/stats", new FormUrlEncodedContent([new("metrics[]", "enqueued:count")]));
        Assert.Equal(HttpStatusCode.Redirect, stats.StatusCode);
        Assert.StartsWith("/accounts/login/", stats.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        using var trigger = await anonymous.Http.PostAsync("/jobs/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", "retention-by-age")]));
        Assert.Equal(HttpStatusCode.Redirect, trigger.StatusCode);
    }

    [Fact]
    public async Task SignedInNonAdministrator_IsRefused()
    {
        var email = SharedServer.NewEmail("member");
        await Server.CreateUserAsync(email);
        using var member = await Server.LogInAsync(email);
        foreach (var path in new[] { "/jobs", "/jobs/jobs/succeeded" })
        {
            var page = await member.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, page.Status);
            Assert.Equal("/accounts/denied/", page.Path);
        }
    }

    [Fact]
    public async Task Administrator_SeesTheDashboard_WithTheDigestJob()
    {
        var email = SharedServer.NewEmail("admin");
        await Server.CreateUserAsync(email, isAdmin: true);
        using var admin = await Server.LogInAsync(email);
        var home = await admin.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.StartsWith("/jobs", home.Path, StringComparison.Ordinal);
        Assert.Contains("Hangfire", home.Document.Title ?? "", StringComparison.Ordinal);
        Assert.Contains("retention-by-age", (await admin.GetAsync("/jobs/recurring")).Text, StringComparison.Ordinal);

        var project = await Server.CreateProjectAsync(SharedServer.NewName("Jobs"));
        var answer = await Server.Http.PostAsync($"/api/{project.Id}/envelope/", Envelopes.EventEnvelope(Envelopes.NewEventId()), IngestClient.AuthFor(project));
        Assert.Equal(200, answer.Status);
        await Server.WaitForDigestAsync();
        // The job records its success just after it empties the inbox.
        var succeeded = "";
        for (var i = 0; i < 100 && !succeeded.Contains("DigestJob", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            succeeded = (await admin.GetAsync("/jobs/jobs/succeeded")).Text;
        }

        Assert.Contains("DigestJob", succeeded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdministratorWhoLosesTheRight_IsRefusedAtOnce()
    {
        var email = SharedServer.NewEmail("former");
        var id = await Server.CreateUserAsync(email, isAdmin: true);
        using var former = await Server.LogInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await former.GetAsync("/jobs")).Status);

        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Server.MainDatabasePath}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE AspNetUsers SET IsAdmin = 0 WHERE Id = $id";
            command.Parameters.AddWithValue("$id", id);
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        Assert.Equal("/accounts/denied/", (await former.GetAsync("/jobs")).Path);
    }

    // The dashboard's own filter, asked directly: it must refuse by itself, not only behind the endpoint policy.
    [Fact]
    public async Task DashboardFilter_AdmitsAdministratorsOnly()
    {
        var (admin, member) = (SharedServer.NewEmail("admin"), SharedServer.NewEmail("member"));
        await Server.CreateUserAsync(admin, isAdmin: true);
        await Server.CreateUserAsync(member);
        var filter = new AdminDashboardAuthorization();
        using var scope = Server.Services.CreateScope();
        Assert.False(await filter.AuthorizeAsync(await DashboardContextForAsync(scope, null)));
        Assert.False(await filter.AuthorizeAsync(await DashboardContextForAsync(scope, member)));
        Assert.True(await filter.AuthorizeAsync(await DashboardContextForAsync(scope, admin)));
    }

    private async Task<DashboardContext> DashboardContextForAsync(IServiceScope scope, string? email)
    {
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        if (email is not null)
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<User>>();
            http.User = await signIn.CreateUserPrincipalAsync((await users.FindByEmailAsync(email))!);
        }

        return new AspNetCoreDashboardContext(Server.Services.GetRequiredService<JobStorage>(), new DashboardOptions(), http);
    }
}
