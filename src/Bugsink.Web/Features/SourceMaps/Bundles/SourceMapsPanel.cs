using Bugsink.Web.Features.Projects;
using Bugsink.Web.Features.SentryApi;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.SourceMaps.Bundles;

public sealed record BundleRow(string Release, string Dist, int FileCount, long Size, IReadOnlyList<string> FileNames, IReadOnlyList<string> DebugIds, string LastUsed);

public sealed record DeployRow(string Environment, string? Name, string When);

public sealed record ReleaseRow(string Version, string? Released, IReadOnlyList<DeployRow> Deploys);

// What the project page shows about source maps: a ready sentry-cli set-up, the uploaded bundles and
// the latest releases with their deploys. Every value here may come from an upload: the view encodes it.
public sealed record SourceMapsPanel(string SentryUrl, string Organization, string ProjectSlug, IReadOnlyList<BundleRow> Bundles, IReadOnlyList<ReleaseRow> Releases)
{
    public const int BundlesShown = 20;

    public const int ReleasesShown = 10;

    public const int FileNamesShown = 10;

    public string EnvSnippet => $"SENTRY_URL={SentryUrl}\nSENTRY_ORG={Organization}\nSENTRY_PROJECT={ProjectSlug}\nSENTRY_AUTH_TOKEN=<an API token from your account's Tokens page>";

    public string RcSnippet => $"[defaults]\nurl = {SentryUrl}\norg = {Organization}\nproject = {ProjectSlug}\n\n[auth]\ntoken = <an API token>";

    public string CommandSnippet =>
        "npx @sentry/cli sourcemaps inject ./dist\nnpx @sentry/cli sourcemaps upload --release \"$RELEASE\" ./dist";

    // sentry-cli only accepts a server URL on the host root, so a base URL with a path is cut to its root
    // (the reverse proxy must route /api/0/ there, see the README).
    public static string RootOf(string baseUrl) =>
        Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) + "/" : baseUrl;

    public static async Task<SourceMapsPanel> LoadAsync(
        AppDbContext db, Project project, string baseUrl, string organization, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var bundles = await db.Set<ArtifactBundle>().AsNoTracking()
            .Where(b => b.ProjectId == project.Id)
            .OrderByDescending(b => b.Id)
            .Take(BundlesShown)
            .Select(b => new
            {
                b.Release,
                b.Dist,
                b.FileCount,
                b.Size,
                b.DebugIds,
                b.LastUsedAt,
                Files = b.Files.OrderBy(f => f.Url).Select(f => f.Url).Take(FileNamesShown).ToList(),
            })
            .ToListAsync(cancellationToken);
        var releases = await db.Releases.AsNoTracking()
            .Where(r => r.ProjectId == project.Id)
            .OrderByDescending(r => r.Sequence)
            .Take(ReleasesShown)
            .ToListAsync(cancellationToken);
        var releaseIds = releases.Select(r => r.Id).ToList();
        var deploys = await db.Set<Deploy>().AsNoTracking()
            .Where(d => releaseIds.Contains(d.ReleaseId))
            .OrderByDescending(d => d.DateFinished)
            .ToListAsync(cancellationToken);
        return new SourceMapsPanel(
            RootOf(baseUrl),
            organization,
            project.Slug.ToLowerInvariant(),
            [.. bundles.Select(b => new BundleRow(
                b.Release, b.Dist, b.FileCount, b.Size, b.Files,
                b.DebugIds.Split(' ', StringSplitOptions.RemoveEmptyEntries), TimeAgo.Describe(b.LastUsedAt, now)))],
            [.. releases.Select(r => new ReleaseRow(
                r.Version,
                r.DateReleased is { } released ? TimeAgo.Describe(released, now) : null,
                [.. deploys.Where(d => d.ReleaseId == r.Id).Select(d => new DeployRow(d.Environment, d.Name, TimeAgo.Describe(d.DateFinished, now)))]))]);
    }
}
