using Bugsink.Web.Features.Releases;

namespace Bugsink.Web.Tests.Features.Releases;

public sealed class ReleaseOrderTests
{
    private static readonly DateTimeOffset Seen = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("1.9.0", "1.10.0")]
    [InlineData("1.0.0-alpha", "1.0.0-beta")]
    [InlineData("1.0.0-beta", "1.0.0-rc.1")]
    [InlineData("1.0.0-rc.1", "1.0.0-rc.2")]
    [InlineData("1.0.0-rc.2", "1.0.0")]
    [InlineData("1.0.0", "1.0.1")]
    [InlineData("app@1.2.3", "app@1.2.10")]
    [InlineData("app@1.2.3", "1.3.0")]
    [InlineData("v1.2", "v1.2.1")]
    [InlineData("2.0.0", "10.0.0")]
    public void SemverNames_OrderBySemanticVersionWhateverTheirArrival(string older, string newer)
    {
        // Registered newest first: the order of arrival must not matter for semver names.
        var newerRelease = ReleaseOrder.Place(1, newer, Seen, null);
        var olderRelease = ReleaseOrder.Place(1, older, Seen, newerRelease);

        Assert.True(newerRelease.IsSemver && olderRelease.IsSemver);
        Assert.True(ReleaseOrder.Compare(olderRelease, newerRelease) < 0);
        Assert.True(ReleaseOrder.Compare(newerRelease, olderRelease) > 0);
    }

    [Theory]
    [InlineData("1.2.3", "1.2.3")]
    [InlineData("app@1.2.3", "1.2.3")]
    [InlineData("@scope-pkg@1.2.3-rc.1", "1.2.3-rc.1")]
    [InlineData("v1.2", "1.2.0")]
    [InlineData("1.2.3+build.7", "1.2.3+build.7")]
    public void SemverParsing_StripsPackagePrefix(string version, string expected) =>
        Assert.Equal(expected, ReleaseOrder.ParseSemver(version)?.ToString());

    [Theory]
    [InlineData("a3f9c1e")]
    [InlineData("1234567")]
    [InlineData("build-42")]
    [InlineData("2024-05-01")]
    [InlineData("app@main")]
    public void OtherNames_AreNotSemver(string version) => Assert.Null(ReleaseOrder.ParseSemver(version));

    [Fact]
    public void NonSemverNames_OrderByFirstAppearance()
    {
        var first = ReleaseOrder.Place(1, "zeta", Seen, null);
        var second = ReleaseOrder.Place(1, "alpha", Seen, first);
        var third = ReleaseOrder.Place(1, "mid", Seen, second);

        Assert.Equal([1L, 2L, 3L], [first.Sequence, second.Sequence, third.Sequence]);
        Assert.All([first, second, third], r => Assert.Equal(0, r.Epoch));
        string[] sorted = [.. new[] { third, first, second }.Order(ReleaseOrder.Comparer).Select(r => r.Version)];
        Assert.Equal(["zeta", "alpha", "mid"], sorted);
    }

    [Fact]
    public void SwitchingNamingKind_StartsANewEpochThatSortsAfter()
    {
        var hash1 = ReleaseOrder.Place(1, "a3f9c1e", Seen, null);
        var hash2 = ReleaseOrder.Place(1, "b71d2aa", Seen, hash1);
        var semver = ReleaseOrder.Place(1, "0.1.0", Seen, hash2);
        var semverLater = ReleaseOrder.Place(1, "0.2.0", Seen, semver);
        var backToHash = ReleaseOrder.Place(1, "c0ffee1", Seen, semverLater);

        Assert.Equal([0, 0, 1, 1, 2], new[] { hash1, hash2, semver, semverLater, backToHash }.Select(r => r.Epoch));
        string[] sorted = [.. new[] { backToHash, semverLater, hash2, semver, hash1 }.Order(ReleaseOrder.Comparer).Select(r => r.Version)];
        Assert.Equal(["a3f9c1e", "b71d2aa", "0.1.0", "0.2.0", "c0ffee1"], sorted);
    }

    [Fact]
    public void SameVersionDifferentBuildMetadata_OrdersByFirstAppearance()
    {
        var first = ReleaseOrder.Place(1, "1.0.0+b", Seen, null);
        var second = ReleaseOrder.Place(1, "1.0.0+a", Seen, first);
        Assert.True(ReleaseOrder.Compare(first, second) < 0);
        Assert.Equal(0, ReleaseOrder.Compare(second, second));
    }
}
