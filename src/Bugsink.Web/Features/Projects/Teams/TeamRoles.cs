using Bugsink.Web.Features.Accounts;

namespace Bugsink.Web.Features.Projects.Teams;

// How the team pages name a membership.
public static class TeamRoles
{
    public static string Describe(TeamRole? role) => role switch
    {
        TeamRole.Admin => "admin",
        TeamRole.Member => "member",
        _ => "not a member",
    };
}
