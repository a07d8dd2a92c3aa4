using Bugsink.Web.Features.Projects;

namespace Bugsink.Web.Features.Api;

public sealed record ApiProject(long Id, string Name, string Slug, long Team, string Dsn, bool IsEnabled, DateTimeOffset CreatedAt)
{
    public static ApiProject From(Project project, string baseUrl) =>
        new(project.Id, project.Name, project.Slug, project.TeamId, Bugsink.Sentry.Auth.Dsn.Format(baseUrl, project.PublicKey, project.Id), project.IsEnabled, project.CreatedAt);
}
