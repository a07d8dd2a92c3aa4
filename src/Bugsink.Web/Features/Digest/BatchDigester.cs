using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Features.Digest;

public sealed record DigestBatchResult(int Stored, int Duplicates, int Orphaned, IReadOnlyList<long> NewIssueIds, DigestProgress Progress);

// One batch, one transaction on the main database (DESIGN.md "The hot path", 2): parse and group in
// parallel first, then write events, issues, counters, tags, releases and the inbox watermark together.
public sealed class BatchDigester(SiteOptions site, IssueCache cache, TimeProvider time) : IDisposable
{
    private readonly SqliteConnection _connection = SqliteConnectionFactory.Open(site.MainDatabasePath);
    private DigestStatements? _statements;

    private DigestStatements Sql => _statements ??= new DigestStatements(_connection);

    public DigestProgress LoadProgress()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT LastInboxEventId, LastInboxAttachmentId FROM DigestProgress WHERE Id = 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? new DigestProgress { LastInboxEventId = reader.GetInt64(0), LastInboxAttachmentId = reader.GetInt64(1) } : new DigestProgress();
    }

    public DigestBatchResult Digest(InboxBatch batch, DigestProgress progress)
    {
        var prepared = new PreparedEvent[batch.Events.Count];
        Parallel.For(0, prepared.Length, i => prepared[i] = PreparedEvent.Prepare(batch.Events[i]));

        var digestedAt = time.GetUtcNow();
        var totals = new BatchTotals();
        var created = new Dictionary<(long ProjectId, string KeyHash), long>();
        var seen = new HashSet<(long ProjectId, string EventId)>();
        var newIssues = new List<long>();
        int stored = 0, duplicates = 0, orphaned = 0;
        var next = new DigestProgress
        {
            LastInboxEventId = batch.LastEventId(progress.LastInboxEventId),
            LastInboxAttachmentId = batch.LastAttachmentId(progress.LastInboxAttachmentId),
        };

        using (var transaction = _connection.BeginTransaction())
        {
            Sql.Enlist(transaction);
            foreach (var p in prepared)
            {
                var row = p.Row;
                // Dedup on (project, event id): SDK resends and re-digesting after a crash both land here.
                if (!seen.Add((row.ProjectId, row.EventId)) || Sql.EventExists.Scalar(row.ProjectId, row.EventId) is not null)
                {
                    duplicates++;
                    continue;
                }

                var issuesBefore = newIssues.Count;
                if (FindOrCreateIssue(p, created, newIssues) is not { } issueId)
                {
                    orphaned++;
                    continue;
                }

                // The event that opened an issue is kept by retention as long as anything else can go.
                var opensIssue = newIssues.Count > issuesBefore;

                Sql.InsertEvent.Run(
                    row.ProjectId, issueId, row.EventId, p.Timestamp.ToUnixTimeMilliseconds(), row.ReceivedAt.ToUnixTimeMilliseconds(),
                    digestedAt.ToUnixTimeMilliseconds(), p.Release, p.Environment, p.Data.Level, p.Grouping.Title, p.Data.IsParsable,
                    p.Grouping.SchemeVersion, row.Payload, row.PayloadSize, row.RemoteAddress, opensIssue);
                totals.Add(issueId, p);
                stored++;
            }

            foreach (var a in batch.Attachments)
            {
                Sql.InsertAttachment.Run(a.ProjectId, a.EventId, a.ItemType, a.Filename, a.ContentType, a.AttachmentType, a.Data, a.ReceivedAt.ToUnixTimeMilliseconds());
            }

            WriteTotals(totals);
            Sql.SaveProgress.Run(next.LastInboxEventId, next.LastInboxAttachmentId);
            transaction.Commit();
        }

        cache.AddRange(created);
        return new DigestBatchResult(stored, duplicates, orphaned, newIssues, next);
    }

    private long? FindOrCreateIssue(PreparedEvent p, Dictionary<(long ProjectId, string KeyHash), long> created, List<long> newIssues)
    {
        var projectId = p.Row.ProjectId;
        var keyHash = p.Grouping.KeyHash;
        if (cache.TryGet(projectId, keyHash, out var cached) || created.TryGetValue((projectId, keyHash), out cached))
        {
            return cached;
        }

        if (Sql.FindGrouping.Scalar(projectId, keyHash) is long existing)
        {
            created[(projectId, keyHash)] = existing;
            return existing;
        }

        // The project may have been deleted while its events waited in the inbox.
        if (Sql.NextIssueNumber.Scalar(projectId) is not long number)
        {
            return null;
        }

        var g = p.Grouping;
        var seen = p.Row.ReceivedAt.ToUnixTimeMilliseconds();
        var issueId = (long)Sql.InsertIssue.Scalar(projectId, number, g.Title, g.Type, g.Value, g.Culprit, p.Data.Level, p.Data.Platform, seen)!;
        Sql.InsertGrouping.Run(projectId, issueId, g.SchemeVersion, keyHash, g.Key);
        created[(projectId, keyHash)] = issueId;
        newIssues.Add(issueId);
        return issueId;
    }

    private void WriteTotals(BatchTotals totals)
    {
        foreach (var (issueId, (count, first, last)) in totals.Issues)
        {
            Sql.UpdateIssueCounts.Run(issueId, count, first.ToUnixTimeMilliseconds(), last.ToUnixTimeMilliseconds());
        }

        foreach (var ((issueId, hour), count) in totals.IssueHours)
        {
            Sql.AddIssueHour.Run(issueId, hour, count);
        }

        foreach (var ((projectId, hour), count) in totals.ProjectHours)
        {
            Sql.AddProjectHour.Run(projectId, hour, count);
        }

        foreach (var ((issueId, key, value), (count, first, last)) in totals.Tags)
        {
            Sql.AddIssueTag.Run(issueId, key, value, count, first.ToUnixTimeMilliseconds(), last.ToUnixTimeMilliseconds());
        }

        foreach (var ((projectId, version), first) in totals.Releases)
        {
            Sql.AddRelease.Run(projectId, version, first.ToUnixTimeMilliseconds());
        }
    }

    public void Dispose()
    {
        _statements?.Dispose();
        _connection.Dispose();
    }
}
