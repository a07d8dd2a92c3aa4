namespace Bugsink.Web.Features.Issues.Workflow;

// Who changed an issue: a user (UserId set) or the system (regressions, unmutes, fix releases appearing).
public sealed record Actor(long? UserId, string Name)
{
    public static readonly Actor System = new(null, "system");
}
