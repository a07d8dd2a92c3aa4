using System.Security.Claims;
using Bugsink.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Projects;

// The lookup of the pages only team admins (and administrators) may use: a project the user cannot
// see is 404, one they see but may not manage is 403 ("not allowed"), as the settings pages promise.
public static class ManagedProject
{
    public static async Task<(Project? Project, IActionResult? Refusal)> FindManagedAsync(
        this ProjectAccess access, ClaimsPrincipal user, long id, CancellationToken cancellationToken)
    {
        var project = await access.Projects(user).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null)
        {
            return (null, new NotFoundResult());
        }

        return await access.CanManageTeamAsync(user, project.TeamId, cancellationToken) ? (project, null) : (null, new ForbidResult());
    }
}
