using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using Bugsink.Web.Features.Accounts.Tokens;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.Hardening;

// Issue 19, item 5: no input answers 5xx. Every route of the app (pages and API, found in its endpoint
// data source), signed in as an administrator, gets every query name the app binds set to every
// hostile value; every form on every page is submitted with each field set to each hostile value;
// every API POST gets malformed bodies. No answer may be a 5xx and no request may log an error.
[Collection(SequentialServers.Name)]
public sealed class HostileInputCrawlTests(ITestOutputHelper output)
{
    // Forms whose success would end the crawl's own session or remove the data it crawls.
    private static readonly string[] Destructive = ["logout", "delete", "remove", "revoke", "deactivate", "leave", "disable"];

    private static readonly string[] HostileBodies =
    [
        "", "{", "[]", "null", "\"text\"", """{"project":"maybe","version":123}""", """{"project":9223372036854775808,"version":"1"}""",
        """{"project":1,"version":null}""", """{"project":1,"version":""" + "\"" + new string('v', 10_000) + "\"}", """{"until":"10000-01-01T00:00:00Z","for_seconds":1e309}""",
    ];

    [Fact]
    public async Task EveryRouteQueryAndForm_WithHostileValues_AnswersBelow500AndLogsNoError()
    {
        var errors = new ErrorLogCapture();
        await using var server = await BugsinkTestServer.StartAsync(services => services.AddSingleton<ILoggerProvider>(errors));
        var teams = await TwoTeams.CreateAsync(server);
        using var admin = await server.LogInAsync(teams.Email("root"));
        string token;
        using (var scope = server.Services.CreateScope())
        {
            token = (await scope.ServiceProvider.GetRequiredService<ApiTokenIssuer>().CreateAsync(userId: null, "crawl", CancellationToken.None)).Secret;
        }

        admin.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        string[] ids = [.. new[] { teams.Alpha.Project.Id, teams.Alpha.IssueId, teams.Alpha.EventRowId, teams.Alpha.TeamId, 1L }.Distinct().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var routes = RouteCatalogue.Routes(server.Services, ids);
        var names = RouteCatalogue.QueryNames(server.Services);
        output.WriteLine($"{routes.Count} routes, {names.Count} query names: {string.Join(", ", names)}");

        var failures = new List<string>();
        var requests = 0;
        async Task CheckAsync(string what, Func<Task<HttpResponseMessage>> send)
        {
            var logged = errors.Count;
            using var response = await send();
            requests++;
            var newErrors = errors.Since(logged);
            if ((int)response.StatusCode >= 500 || newErrors.Count > 0)
            {
                failures.Add($"{what} -> {(int)response.StatusCode} {string.Join(" | ", newErrors)}");
            }
        }

        var pages = new List<string>();
        foreach (var route in routes.Where(r => r.Method == "GET" && !r.Pattern.Contains("logout", StringComparison.Ordinal)))
        {
            foreach (var url in route.Urls)
            {
                pages.Add(url);
                foreach (var (label, value) in HostileValues.All)
                {
                    await CheckAsync($"GET {url} all names = {label}", () => admin.Http.GetAsync(new Uri(url + "?" + string.Join("&", names.Select(n => n + "=" + value)), UriKind.Relative)));
                    foreach (var name in names)
                    {
                        await CheckAsync($"GET {url}?{name}= {label}", () => admin.Http.GetAsync(new Uri($"{url}?{name}={value}", UriKind.Relative)));
                    }
                }
            }
        }

        foreach (var route in routes.Where(r => r.Method == "POST" && r.Pattern.StartsWith("api/", StringComparison.Ordinal)))
        {
            foreach (var url in route.Urls)
            {
                foreach (var body in HostileBodies)
                {
                    await CheckAsync($"POST {url} body {body[..Math.Min(body.Length, 40)]}", () => admin.Http.PostAsync(new Uri(url, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json")));
                }
            }
        }

        var forms = 0;
        var crawled = new HashSet<string>(StringComparer.Ordinal);
        using var anonymous = new PageClient(server.BaseAddress);
        // Signed in over every page; signed out over the pages a stranger reaches (login, reset, invitations).
        var visits = pages.Distinct().Select(url => (Client: admin, Url: url))
            .Concat(pages.Distinct().Where(u => u.StartsWith("/accounts/", StringComparison.Ordinal) || u.StartsWith("/setup", StringComparison.Ordinal)).Select(url => (Client: anonymous, Url: url)));
        foreach (var (client, url) in visits)
        {
            var page = await client.GetAsync(url);
            if (page.Status != System.Net.HttpStatusCode.OK || (page.Path.StartsWith("/accounts/login", StringComparison.Ordinal) && !url.StartsWith("/accounts/login", StringComparison.Ordinal)))
            {
                continue;
            }

            foreach (var form in page.Document.QuerySelectorAll("form[method=post i]").OfType<IHtmlFormElement>())
            {
                foreach (var (target, fields) in FormFields.Submissions(page.Url, form, Destructive))
                {
                    var fieldNames = FormFields.Names(form).Concat(fields.Select(f => f.Name)).Distinct().Where(n => n != "__RequestVerificationToken").ToList();
                    if (!crawled.Add((client == admin ? "admin " : "anonymous ") + target.PathAndQuery + " " + string.Join(",", fields.Select(f => f.Name + "=" + f.Value))))
                    {
                        continue;
                    }

                    forms++;
                    output.WriteLine($"form {target.PathAndQuery}: {string.Join(", ", fieldNames)}");
                    foreach (var (label, value) in HostileValues.All)
                    {
                        foreach (var name in fieldNames)
                        {
                            var body = FormFields.Encode(fields, name, value);
                            await CheckAsync($"POST {target.PathAndQuery} {name}= {label}", () => client.Http.PostAsync(target, new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded")));
                        }

                        foreach (var hostileTarget in FormFields.WithHostileQuery(target, value))
                        {
                            var body = FormFields.Encode(fields, "", "");
                            await CheckAsync($"POST {hostileTarget.PathAndQuery[..Math.Min(120, hostileTarget.PathAndQuery.Length)]} ({label})", () => client.Http.PostAsync(hostileTarget, new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded")));
                        }
                    }
                }
            }
        }

        output.WriteLine($"{requests} requests over {pages.Distinct().Count()} page URLs and {forms} forms");
        Assert.True(requests > 5_000, $"only {requests} requests: the crawl found too little");
        Assert.True(failures.Count == 0, $"{failures.Count} failures, first 40:\n" + string.Join("\n", failures.Take(40)));
        // The session survived the crawl, so everything after the first form was crawled signed in.
        Assert.Equal("/admin/system/", (await admin.GetAsync("/admin/system/")).Path);
    }
}
