using System.Data.Common;
using Bugsink.Web.Infrastructure.Database.Statements;

namespace Bugsink.Web.Features.Releases;

// Registers the releases named by digested events and looks them up, on the digest's connection and
// inside its batch transaction. Lookups are remembered for one batch only: rows written by a batch
// that then rolls back must not outlive it, and a few indexed reads per batch cost nothing.
public sealed class ReleaseRegistry(StatementConnection connection) : IDisposable
{
    private readonly IStatement _find = connection.Prepare("""
        SELECT "Id", "FirstSeen", "Sequence", "IsSemver", "Epoch" FROM "Releases" WHERE "ProjectId" = $p0 AND "Version" = $p1
        """, 2);

    // Epochs never decrease with Sequence, so the latest release also carries the current epoch.
    private readonly IStatement _latest = connection.Prepare("""
        SELECT "Id", "FirstSeen", "Sequence", "IsSemver", "Epoch", "Version" FROM "Releases" WHERE "ProjectId" = $p0 ORDER BY "Sequence" DESC LIMIT 1
        """, 1);

    private readonly IStatement _insert = connection.Prepare("""
        INSERT INTO "Releases" ("ProjectId", "Version", "FirstSeen", "Sequence", "IsSemver", "Epoch")
        VALUES ($p0, $p1, $p2, $p3, $p4, $p5) RETURNING "Id"
        """, 6);

    private readonly IStatement _lowerFirstSeen = connection.Prepare("""
        UPDATE "Releases" SET "FirstSeen" = $p1 WHERE "Id" = $p0 AND "FirstSeen" > $p1
        """, 2);

    private readonly IStatement _semverInEpoch = connection.Prepare("""
        SELECT "Version" FROM "Releases" WHERE "ProjectId" = $p0 AND "Epoch" = $p1 AND "IsSemver" = TRUE AND "Id" <> $p2
        """, 3);

    private readonly Dictionary<(long ProjectId, string Version), Release?> _known = [];

    public void BeginBatch() => _known.Clear();

    public Release? Find(long projectId, string version)
    {
        if (_known.TryGetValue((projectId, version), out var known))
        {
            return known;
        }

        var release = ReadRelease(_find.Query(projectId, version), projectId, version);
        _known[(projectId, version)] = release;
        return release;
    }

    // True when this is the release's first appearance in the project.
    public bool Register(long projectId, string version, DateTimeOffset seen, out Release release)
    {
        if (Find(projectId, version) is { } existing)
        {
            if (seen < existing.FirstSeen)
            {
                _lowerFirstSeen.Run(existing.Id, seen.ToUnixTimeMilliseconds());
                existing.FirstSeen = seen;
            }

            release = existing;
            return false;
        }

        var latest = ReadRelease(_latest.Query(projectId), projectId, null);
        release = ReleaseOrder.Place(projectId, version, seen, latest);
        release.Id = (long)_insert.Scalar(projectId, version, seen.ToUnixTimeMilliseconds(), release.Sequence, release.IsSemver, release.Epoch)!;
        _known[(projectId, version)] = release;
        return true;
    }

    // Whether a just-registered release sorts after every other release of its project. Only semver
    // needs a look: a new name of the other kind has the highest sequence in the highest epoch.
    public bool IsLatest(Release release)
    {
        if (!release.IsSemver || ReleaseOrder.ParseSemver(release.Version) is not { } version)
        {
            return true;
        }

        using var reader = _semverInEpoch.Query(release.ProjectId, release.Epoch, release.Id);
        while (reader.Read())
        {
            // Equal precedence (1.0.0+a, 1.0.0+b) is ordered by first appearance, so the new one is later.
            if (ReleaseOrder.ParseSemver(reader.GetString(0)) is { } other && other.ComparePrecedenceTo(version) > 0)
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose()
    {
        _semverInEpoch.Dispose();
        _find.Dispose();
        _latest.Dispose();
        _insert.Dispose();
        _lowerFirstSeen.Dispose();
    }

    private static Release? ReadRelease(DbDataReader rows, long projectId, string? version)
    {
        using var reader = rows;
        return reader.Read()
            ? new Release
            {
                Id = reader.GetInt64(0),
                ProjectId = projectId,
                Version = version ?? reader.GetString(5),
                FirstSeen = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                Sequence = reader.GetInt64(2),
                IsSemver = reader.GetBoolean(3),
                Epoch = reader.GetInt32(4),
            }
            : null;
    }
}
