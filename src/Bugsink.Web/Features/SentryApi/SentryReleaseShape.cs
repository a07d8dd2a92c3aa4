using Bugsink.Web.Features.Projects;
using Bugsink.Web.Features.Releases;

namespace Bugsink.Web.Features.SentryApi;

public sealed record SentryProjectRef(string Slug, string Name, long Id);

public sealed record SentryDeploy(string Id, string Environment, string? Name, string? Url, DateTimeOffset? DateStarted, DateTimeOffset DateFinished)
{
    public static SentryDeploy From(Deploy deploy) =>
        new(deploy.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), deploy.Environment, deploy.Name, deploy.Url, deploy.DateStarted, deploy.DateFinished);
}

// Sentry's release object, with the fields sentry-cli reads (PROTOCOL-RELEASES.md §2.2) and a few
// more it shows. A Sentry release spans projects; here each project has its own row of the same
// version, so one object gathers the rows of one version.
public sealed record SentryRelease(
    string Version,
    string ShortVersion,
    DateTimeOffset DateCreated,
    DateTimeOffset? DateReleased,
    DateTimeOffset? LastEvent,
    int NewGroups,
    IReadOnlyList<SentryProjectRef> Projects,
    object? LastCommit,
    string? Url,
    string? Ref,
    string Status,
    int CommitCount,
    int DeployCount,
    SentryDeploy? LastDeploy)
{
    public static SentryRelease From(IReadOnlyList<(Release Release, Project Project)> rows, IReadOnlyList<Deploy> deploys)
    {
        var version = rows[0].Release.Version;
        var last = deploys.OrderByDescending(d => d.DateFinished).FirstOrDefault();
        return new SentryRelease(
            version,
            version.Length > 12 && !version.Contains('.', StringComparison.Ordinal) ? version[..12] : version,
            rows.Min(r => r.Release.FirstSeen),
            rows.Max(r => r.Release.DateReleased),
            null,
            0,
            [.. rows.Select(r => new SentryProjectRef(r.Project.Slug.ToLowerInvariant(), r.Project.Name, r.Project.Id))],
            null,
            null,
            null,
            "open",
            0,
            deploys.Count,
            last is null ? null : SentryDeploy.From(last));
    }
}
