using Microsoft.AspNetCore.Identity;

namespace Bugsink.Web.Features.Accounts;

// An ASP.NET Core Identity user with a long key. Admins see every team and project.
public sealed class User : IdentityUser<long>
{
    public bool IsAdmin { get; set; }

    // Default for alert emails; a team membership may override it.
    public bool SendEmailAlerts { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}
