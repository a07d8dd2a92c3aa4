using Semver;

namespace Bugsink.Web.Features.Releases;

// The order of a project's releases: by semantic version when the names are semver, otherwise by
// first appearance. A project that switches naming (1.4.2 → "a3f9c1e" or back) starts a new epoch,
// and every release of a later epoch sorts after every release of an earlier one: the switch is
// itself a sign of time passing, while comparing "1.4.2" with "a3f9c1e" has no meaning.
public static class ReleaseOrder
{
    // "v1.2" and "2024.05.1" are common release names that are meant as versions; a git hash or a
    // build number has no dot and never parses, so lenient parsing does not turn those into semver.
    private const SemVersionStyles Styles = SemVersionStyles.AllowV | SemVersionStyles.OptionalPatch | SemVersionStyles.AllowLeadingZeros;

    public static IComparer<Release> Comparer { get; } = Comparer<Release>.Create(Compare);

    // The version part of a Sentry-style "package@version" name, parsed; null when it is not semver.
    public static SemVersion? ParseSemver(string version)
    {
        var at = version.LastIndexOf('@');
        var versionPart = at >= 0 ? version[(at + 1)..] : version;
        return SemVersion.TryParse(versionPart, Styles, out var parsed) ? parsed : null;
    }

    // Negative when a comes before b. Both must belong to the same project.
    public static int Compare(Release? a, Release? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        if (a.Epoch != b.Epoch)
        {
            return a.Epoch.CompareTo(b.Epoch);
        }

        if (a.IsSemver && b.IsSemver && ParseSemver(a.Version) is { } semverA && ParseSemver(b.Version) is { } semverB)
        {
            // Precedence ignores build metadata (1.0.0+a equals 1.0.0+b); first appearance breaks the tie.
            var byVersion = semverA.ComparePrecedenceTo(semverB);
            if (byVersion != 0)
            {
                return byVersion;
            }
        }

        return a.Sequence.CompareTo(b.Sequence);
    }

    // Where a release seen for the first time goes, given the project's most recently registered one.
    public static Release Place(long projectId, string version, DateTimeOffset firstSeen, Release? latest)
    {
        var isSemver = ParseSemver(version) is not null;
        var epoch = latest is null ? 0 : latest.IsSemver == isSemver ? latest.Epoch : latest.Epoch + 1;
        return new Release
        {
            ProjectId = projectId,
            Version = version,
            FirstSeen = firstSeen,
            Sequence = (latest?.Sequence ?? 0) + 1,
            IsSemver = isSemver,
            Epoch = epoch,
        };
    }
}
