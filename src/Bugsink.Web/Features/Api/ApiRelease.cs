using Bugsink.Web.Features.Releases;

namespace Bugsink.Web.Features.Api;

public sealed record ApiRelease(long Id, long Project, string Version, DateTimeOffset FirstSeen, bool IsSemver)
{
    public static ApiRelease From(Release release) => new(release.Id, release.ProjectId, release.Version, release.FirstSeen, release.IsSemver);
}
