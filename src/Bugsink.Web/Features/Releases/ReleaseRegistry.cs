using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Features.Releases;

// Registers the releases named by digested events and looks them up, on the digest's connection and
// inside its batch transaction. Lookups are remembered for one batch only: rows written by a batch
// that then rolls back must not outlive it, and a few indexed reads per batch cost nothing.
public sealed class ReleaseRegistry(SqliteConnection connection) : IDisposable
{
    private readonly SqliteCommand _find = Command(connection, """
        SELECT Id, FirstSeen, Sequence, IsSemver, Epoch FROM Releases WHERE ProjectId = $project AND Version = $version
        """, "$project", "$version");

    // Epochs never decrease with Sequence, so the latest release also carries the current epoch.
    private readonly SqliteCommand _latest = Command(connection, """
        SELECT Id, FirstSeen, Sequence, IsSemver, Epoch, Version FROM Releases WHERE ProjectId = $project ORDER BY Sequence DESC LIMIT 1
        """, "$project");

    private readonly SqliteCommand _insert = Command(connection, """
        INSERT INTO Releases (ProjectId, Version, FirstSeen, Sequence, IsSemver, Epoch)
        VALUES ($project, $version, $firstSeen, $sequence, $isSemver, $epoch) RETURNING Id
        """, "$project", "$version", "$firstSeen", "$sequence", "$isSemver", "$epoch");

    private readonly SqliteCommand _lowerFirstSeen = Command(connection, """
        UPDATE Releases SET FirstSeen = $firstSeen WHERE Id = $id AND FirstSeen > $firstSeen
        """, "$id", "$firstSeen");

    private readonly SqliteCommand _semverInEpoch = Command(connection, """
        SELECT Version FROM Releases WHERE ProjectId = $project AND Epoch = $epoch AND IsSemver = 1 AND Id <> $id
        """, "$project", "$epoch", "$id");

    private readonly Dictionary<(long ProjectId, string Version), Release?> _known = [];

    public void BeginBatch(SqliteTransaction transaction)
    {
        _known.Clear();
        _find.Transaction = _latest.Transaction = _insert.Transaction = _lowerFirstSeen.Transaction = _semverInEpoch.Transaction = transaction;
    }

    public Release? Find(long projectId, string version)
    {
        if (_known.TryGetValue((projectId, version), out var known))
        {
            return known;
        }

        _find.Parameters["$project"].Value = projectId;
        _find.Parameters["$version"].Value = version;
        var release = ReadRelease(_find, projectId, version);
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
                _lowerFirstSeen.Parameters["$id"].Value = existing.Id;
                _lowerFirstSeen.Parameters["$firstSeen"].Value = seen.ToUnixTimeMilliseconds();
                _lowerFirstSeen.ExecuteNonQuery();
                existing.FirstSeen = seen;
            }

            release = existing;
            return false;
        }

        _latest.Parameters["$project"].Value = projectId;
        var latest = ReadRelease(_latest, projectId, null);
        release = ReleaseOrder.Place(projectId, version, seen, latest);
        _insert.Parameters["$project"].Value = projectId;
        _insert.Parameters["$version"].Value = version;
        _insert.Parameters["$firstSeen"].Value = seen.ToUnixTimeMilliseconds();
        _insert.Parameters["$sequence"].Value = release.Sequence;
        _insert.Parameters["$isSemver"].Value = release.IsSemver;
        _insert.Parameters["$epoch"].Value = release.Epoch;
        release.Id = (long)_insert.ExecuteScalar()!;
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

        _semverInEpoch.Parameters["$project"].Value = release.ProjectId;
        _semverInEpoch.Parameters["$epoch"].Value = release.Epoch;
        _semverInEpoch.Parameters["$id"].Value = release.Id;
        using var reader = _semverInEpoch.ExecuteReader();
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

    private static Release? ReadRelease(SqliteCommand command, long projectId, string? version)
    {
        using var reader = command.ExecuteReader();
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

    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
