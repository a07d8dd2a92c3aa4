using System.Net.Http.Headers;
using Bugsink.Web.Features.Accounts.Tokens;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Hardening;

// The four 500s issue 19 reported from signed-in input, each with the answer it gets now. The crawl
// (HostileInputCrawlTests) finds the like of them everywhere; these say what the answer is.
[Collection(SequentialServers.Name)]
public sealed class HostileInputFindingsTests : IAsyncLifetime
{
    private BugsinkTestServer _server = null!;
    private TwoTeams _teams = null!;

    public async Task InitializeAsync()
    {
        _server = await BugsinkTestServer.StartAsync();
        _teams = await TwoTeams.CreateAsync(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/issues/?q=%00abc")]
    [InlineData("/issues/?after=9223372036854775807.1")]
    [InlineData("/issues/?sort=first_seen&after=-9223372036854775808.1")]
    public async Task IssueList_WithAHostileQuery_IsAnOrdinaryPage(string url)
    {
        using var root = await _server.LogInAsync(_teams.Email("root"));
        var page = await root.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Find("table.issues, .empty"));
    }

    [Theory]
    [InlineData("/api/canonical/0/issues/?cursor=9223372036854775807.1")]
    [InlineData("/api/canonical/0/events/?cursor=9223372036854775807.1")]
    public async Task ApiCursorOutOfRange_Answers400WithAMessage(string url)
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        using (var scope = _server.Services.CreateScope())
        {
            var issued = await scope.ServiceProvider.GetRequiredService<ApiTokenIssuer>().CreateAsync(userId: null, "findings", CancellationToken.None);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Secret);
        }

        using var response = await http.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("cursor", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ProjectSettings_WithIsEnabledMaybe_ShowTheFormWithAMessage()
    {
        using var ada = await _server.LogInAsync(_teams.Email("ada"));
        var path = $"/projects/{_teams.Alpha.Project.Id}/settings/";
        var page = await ada.SubmitAsync(path, "form.settings", new Dictionary<string, string> { ["Form.Name"] = "Renamed" });
        Assert.Equal("Settings saved.", page.Flash);
        var form = FormFields.Of((AngleSharp.Html.Dom.IHtmlFormElement)(await ada.GetAsync(path)).Get("form.settings"));
        var body = FormFields.Encode(form, "Form.IsEnabled", "maybe");
        using var response = await ada.Http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("must be true or false", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateTeam_WithAnEmptyName_ShowsTheFormWithAMessage()
    {
        using var root = await _server.LogInAsync(_teams.Email("root"));
        var page = await root.SubmitAsync("/teams/", "main form", new Dictionary<string, string> { ["Name"] = "" });
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Contains("name", page.Get(".errors, .error, [role=alert]").TextContent, StringComparison.OrdinalIgnoreCase);
    }
}
