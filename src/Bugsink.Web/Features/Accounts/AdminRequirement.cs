using Microsoft.AspNetCore.Authorization;

namespace Bugsink.Web.Features.Accounts;

// The "Admin" policy: installation administrators only, decided by ProjectAccess from the database
// (so taking the right away works at once). A requirement that handles itself keeps policy and check together.
public sealed class AdminRequirement : AuthorizationHandler<AdminRequirement>, IAuthorizationRequirement
{
    public const string Policy = "Admin";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminRequirement requirement)
    {
        if (context.Resource is HttpContext http
            && await http.RequestServices.GetRequiredService<ProjectAccess>().IsAdminAsync(context.User, http.RequestAborted))
        {
            context.Succeed(requirement);
        }
    }
}
