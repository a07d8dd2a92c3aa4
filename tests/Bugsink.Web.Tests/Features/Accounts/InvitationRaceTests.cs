using System.Net;
using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Accounts.Invitations;
using Bugsink.Web.Tests.Features.Projects;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Accounts;

// Issue 19, found 7: one invitation, accepted by several people at the same moment, lets exactly one in.
[Collection(SequentialServers.Name)]
public sealed class InvitationRaceTests(SharedServer fixture) : IClassFixture<SharedServer>
{
    private const int People = 6;
    private readonly BugsinkTestServer _server = fixture.Server;

    [Fact]
    public async Task ConcurrentJoins_OfOneInvitation_LetOnePersonIn()
    {
        for (var round = 0; round < 4; round++)
        {
            var teams = await TwoTeams.CreateTaggedAsync(_server);
            var secret = await InviteAsync(teams.Alpha.TeamId, SharedServer.NewEmail("invitee"));
            var link = $"/accounts/invitations/{secret}/";
            var people = new List<(PageClient Client, Page Page)>();
            for (var i = 0; i < People; i++)
            {
                var email = SharedServer.NewEmail("racer");
                await _server.CreateUserAsync(email);
                var client = await _server.LogInAsync(email);
                people.Add((client, await client.GetAsync(link)));
            }

            var answers = await Task.WhenAll(people.Select(p => p.Client.SubmitAsync(p.Page, "form[action*='handler=Join']")));
            foreach (var (client, _) in people)
            {
                client.Dispose();
            }

            var joined = _server.Count(
                "SELECT count(*) FROM TeamMemberships m JOIN AspNetUsers u ON u.Id = m.UserId WHERE m.TeamId = $t AND u.Email LIKE 'racer-%'",
                ("$t", teams.Alpha.TeamId));
            Assert.Equal(1, joined);
            Assert.Single(answers, a => a.Status == HttpStatusCode.OK && a.Path == $"/teams/{teams.Alpha.TeamId}/");
            Assert.All(answers, a => Assert.True((int)a.Status < 500, a.Text));
        }
    }

    [Fact]
    public async Task ConcurrentRegistrations_OfOneInvitation_CreateOneAccount()
    {
        var teams = await TwoTeams.CreateTaggedAsync(_server);
        var invitee = SharedServer.NewEmail("newcomer");
        var secret = await InviteAsync(teams.Alpha.TeamId, invitee);
        var link = $"/accounts/invitations/{secret}/";
        var people = new List<(PageClient Client, Page Page)>();
        for (var i = 0; i < People; i++)
        {
            var client = new PageClient(_server.BaseAddress);
            people.Add((client, await client.GetAsync(link)));
        }

        var answers = await Task.WhenAll(people.Select(p => p.Client.SubmitAsync(p.Page, "form[action*='handler=Register']", new Dictionary<string, string>
        {
            ["Password"] = InvitationTests.Password,
            ["ConfirmPassword"] = InvitationTests.Password,
        })));
        Assert.All(answers, a => Assert.True((int)a.Status < 500, a.Text));
        Assert.Equal(1, _server.Count("SELECT count(*) FROM AspNetUsers WHERE Email = $e", ("$e", invitee)));
        Assert.Equal(1, _server.Count("SELECT count(*) FROM Invitations WHERE AcceptedAt IS NOT NULL AND Email = $e", ("$e", invitee)));
        Assert.Single(answers, a => a.Path == $"/teams/{teams.Alpha.TeamId}/");
        foreach (var (client, _) in people)
        {
            client.Dispose();
        }
    }

    private async Task<string> InviteAsync(long teamId, string email)
    {
        using var scope = _server.Services.CreateScope();
        var issued = await scope.ServiceProvider.GetRequiredService<InvitationIssuer>().CreateAsync(teamId, email, TeamRole.Member, null, CancellationToken.None);
        return issued.Secret;
    }
}
