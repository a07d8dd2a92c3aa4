using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ZstdSharp;

namespace Bugsink.E2E.Data;

// Reads the server's data folder the way an operator with sqlite3 would: bugsink.db for issues, events
// (payloads zstd frames, with the project's trained dictionary once it has one, or brotli in rows
// written before zstd; uncompressed size beside them), tags and attachments; inbox.db for the
// counts of items accepted and dropped. Read-only and unpooled, so nothing keeps the files open.
public sealed class SqliteSource(string dataDir) : IStoreProbe
{
    public ProjectData Read(long projectId)
    {
        using var main = Open("bugsink.db");
        var dictionaries = Query(main, "SELECT Id, Data FROM PayloadDictionaries", 0, r => (Id: (uint)r.GetInt64(0), Data: (byte[])r[1]))
            .ToDictionary(d => d.Id, d => d.Data);
        var issues = Query(main, "SELECT Id, Title, Level, Culprit, EventCount FROM Issues WHERE ProjectId = $p AND IsDeleted = 0 ORDER BY Id", projectId,
            r => new StoredIssue(r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetInt64(4)));
        var events = Query(main, "SELECT IssueId, EventId, Release, Environment, Payload, PayloadSize FROM Events WHERE ProjectId = $p ORDER BY Id", projectId,
            r => new StoredEvent(r.GetInt64(0), r.GetString(1), NullableString(r, 2), NullableString(r, 3), Decode((byte[])r[4], r.GetInt32(5), dictionaries)));
        var tags = Query(main, "SELECT t.IssueId, t.Key, t.Value FROM IssueTags t JOIN Issues i ON i.Id = t.IssueId WHERE i.ProjectId = $p", projectId,
            r => (IssueId: r.GetInt64(0), Tag: new KeyValuePair<string, string>(r.GetString(1), r.GetString(2))));
        var attachments = Query(main, "SELECT EventId, ItemType, Filename, Data FROM EventAttachments WHERE ProjectId = $p ORDER BY Id", projectId,
            r => new StoredAttachment(r.GetString(0), r.GetString(1), r.GetString(2), (byte[])r[3]));
        var releases = Query(main, "SELECT Version FROM Releases WHERE ProjectId = $p ORDER BY Id", projectId, r => r.GetString(0));
        return new ProjectData
        {
            ProjectId = projectId,
            Issues = issues,
            Events = events,
            Releases = releases,
            IssueTags = tags.GroupBy(t => t.IssueId).ToDictionary(g => g.Key, g => (IReadOnlyList<KeyValuePair<string, string>>)[.. g.Select(t => t.Tag)]),
            Attachments = attachments,
            DroppedItems = DroppedItems(projectId),
        };
    }

    public IReadOnlyDictionary<string, long> DroppedItems(long projectId)
    {
        using var inbox = Open("inbox.db");
        return Query(inbox, "SELECT item_type, count FROM dropped_items WHERE project_id = $p", projectId, r => (r.GetString(0), r.GetInt64(1)))
            .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);
    }

    public long EventCount(long projectId)
    {
        using var main = Open("bugsink.db");
        return Query(main, "SELECT count(*) FROM Events WHERE ProjectId = $p", projectId, r => r.GetInt64(0))[0];
    }

    // Events and attachments acknowledged but not digested yet.
    public long PendingInInbox()
    {
        using var inbox = Open("inbox.db");
        return Query(inbox, "SELECT (SELECT count(*) FROM inbox_events) + (SELECT count(*) FROM inbox_attachments)", 0, r => r.GetInt64(0))[0];
    }

    private static JsonElement Decode(byte[] compressed, int size, Dictionary<uint, byte[]> dictionaries)
    {
        var json = new byte[size];
        var written = compressed.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD])
            ? DecodeZstd(compressed, json, dictionaries)
            : BrotliDecoder.TryDecompress(compressed, json, out var brotli) ? brotli : -1;
        if (written != size)
        {
            throw new InvalidDataException("A stored payload does not decompress to its recorded size.");
        }

        try
        {
            return JsonSerializer.Deserialize<JsonElement>(json);
        }
        catch (JsonException)
        {
            // Kept raw by the server; shown as text, as the API does.
            return JsonSerializer.SerializeToElement(System.Text.Encoding.UTF8.GetString(json));
        }
    }

    // The frame header names the dictionary in 0, 1, 2 or 4 bytes (RFC 8878 §3.1.1.1).
    private static int DecodeZstd(byte[] frame, byte[] json, Dictionary<uint, byte[]> dictionaries)
    {
        using var decompressor = new Decompressor();
        var descriptor = frame[4];
        var idField = frame.AsSpan((descriptor & 0x20) != 0 ? 5 : 6);
        uint? id = (descriptor & 3) switch
        {
            1 => idField[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(idField),
            3 => BinaryPrimitives.ReadUInt32LittleEndian(idField),
            _ => null,
        };
        if (id is { } needed)
        {
            decompressor.LoadDictionary(dictionaries.TryGetValue(needed, out var dictionary)
                ? dictionary
                : throw new InvalidDataException($"A stored payload needs dictionary {needed}, which bugsink.db lacks."));
        }

        return decompressor.Unwrap(frame, json);
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static List<T> Query<T>(SqliteConnection connection, string sql, long projectId, Func<SqliteDataReader, T> map)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$p", projectId);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDir, file),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return connection;
    }
}
