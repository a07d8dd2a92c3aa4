using Bugsink.Web.Features.Accounts;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;

namespace Bugsink.Web.Infrastructure.Jobs;

// The dashboard's own check: the same Admin policy as /admin/system/, evaluated for every dashboard
// request (pages, the stats poll, the retry and delete buttons). The endpoint carries the policy too,
// which is what turns "not signed in" into the login redirect; this filter makes sure the dashboard
// stays closed even if it is mapped some other way, where Hangfire's default would be local requests only.
public sealed class AdminDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        var result = await authorization.AuthorizeAsync(http.User, http, AdminRequirement.Policy);
        return result.Succeeded;
    }
}
