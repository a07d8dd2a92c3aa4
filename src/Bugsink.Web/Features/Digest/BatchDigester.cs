using Bugsink.Web.Features.AlertChannels;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Features.Issues.Workflow;
using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Infrastructure.Database.Statements;

namespace Bugsink.Web.Features.Digest;

public sealed record DigestBatchResult(int Stored, int Duplicates, int Orphaned, IReadOnlyList<long> NewIssueIds);

// One batch, one transaction on the main database (DESIGN.md "The hot path", 2): events, issues,
// counters, tags, releases, workflow changes (regressions, unmutes, their history and alert requests)
// and the inbox's bookkeeping (SQLite's watermark, or PostgreSQL's delete of the rows read) are written together. Events are parsed and grouped a chunk at a time inside
// it: parsing the whole batch first kept 5,000 parsed events alive through every collection of the
// batch, promoting them to gen 1 and 2 (digest alone: 11,500-12,300 events/s that way, 13,200-13,500
// in chunks, 13,800-14,100 with the reused tables below). The transaction holds the write lock ~60 ms
// longer per 5,000 small events; only page actions and retention wait on it, never ingest (the inbox
// is a file of its own on SQLite; on PostgreSQL rows lock one by one). The connection is the caller's.
public sealed class BatchDigester(
    StatementConnection connection, IssueCache cache, IAlertDispatcher alerts, RejectedItemCounter rejected, TimeProvider time, INewIssueCulprits? culprits = null)
    : IDisposable
{
    private readonly StatementConnection _connection = connection;
    private DigestStatements? _statements;
    private DigestWorkflow? _workflow;
    private IssueAssigner? _assigner;
    private VolumeAlertCounter? _volume;

    // Reused by every batch (cleared, keeping their capacity), like the totals and for the same reason.
    private readonly BatchTotals _totals = new();
    private readonly HashSet<(long ProjectId, string EventId)> _seen = [];
    private readonly List<KeyValuePair<(long IssueId, string Key, string Value), (long Count, DateTimeOffset First, DateTimeOffset Last)>> _tagsInKeyOrder = [];

    private DigestStatements Sql => _statements ??= new DigestStatements(_connection);

    private DigestWorkflow Workflow => _workflow ??= new DigestWorkflow(_connection);

    private VolumeAlertCounter Volume => _volume ??= new VolumeAlertCounter(_connection);

    private IssueAssigner Assigner => _assigner ??= new IssueAssigner(cache, Sql, Workflow, culprits);

    // How far behind ingest the digest may fall before parsing takes every core.
    private static readonly TimeSpan ParallelPrepareLag = TimeSpan.FromSeconds(2);

    // Each chunk is written before the next is parsed, so a collection finds at most one chunk alive.
    private const int PrepareChunk = 250;

    // inbox stores the batch's attachments and settles its rows inside the transaction.
    public DigestBatchResult Digest(InboxBatch batch, IDigestInbox inbox)
    {
        var digestedAt = time.GetUtcNow();
        _totals.Clear();
        _seen.Clear();
        int stored = 0, duplicates = 0, orphaned = 0;
        using (var transaction = _connection.BeginTransaction())
        {
            Workflow.BeginBatch(digestedAt);
            Assigner.BeginBatch();
            Volume.BeginBatch(digestedAt);
            foreach (var p in PrepareInChunks(batch.Events))
            {
                var row = p.Row;
                // Dedup on (project, event id): SDK resends and re-digesting after a crash both land here.
                if (!_seen.Add((row.ProjectId, row.EventId)) || Sql.EventExists.Scalar(row.ProjectId, row.EventId) is not null)
                {
                    duplicates++;
                    rejected.Add(row.ProjectId, RejectionReason.Duplicate);
                    continue;
                }

                if (Assigner.Assign(p, out var opensIssue) is not { } issueId)
                {
                    orphaned++;
                    continue;
                }

                // The events that opened, regressed or unmuted an issue are kept by retention as long as anything else can go.
                var isProtected = Workflow.Digest(issueId, row.EventId, p.Release, row.ReceivedAt) || opensIssue;

                Sql.InsertEvent.Run(
                    row.ProjectId, issueId, row.EventId, p.Timestamp.ToUnixTimeMilliseconds(), row.ReceivedAt.ToUnixTimeMilliseconds(),
                    digestedAt.ToUnixTimeMilliseconds(), p.Release, p.Environment, p.Level, p.Grouping.Title, p.IsParsable,
                    p.Grouping.SchemeVersion, row.Payload, row.PayloadSize, row.RemoteAddress, isProtected);
                _totals.Add(issueId, p);
                Volume.Count(row.ProjectId, issueId, row.ReceivedAt);
                stored++;
            }

            foreach (var a in batch.Attachments)
            {
                inbox.StoreAttachment(a);
            }

            WriteTotals();
            Workflow.EndBatch();
            Volume.EndBatch();
            inbox.Settle(batch);
            transaction.Commit();
        }

        cache.AddRange(Assigner.Assigned);
        if (Workflow.AlertsWritten > 0 || Volume.AlertsWritten > 0)
        {
            alerts.AlertsCommitted();
        }

        return new DigestBatchResult(stored, duplicates, orphaned, [.. Assigner.NewIssueIds]);
    }

    private void WriteTotals()
    {
        foreach (var (issueId, (count, first, last)) in _totals.Issues)
        {
            Sql.UpdateIssueCounts.Run(issueId, count, first.ToUnixTimeMilliseconds(), last.ToUnixTimeMilliseconds());
        }

        foreach (var ((issueId, hour), count) in _totals.IssueHours)
        {
            Sql.AddIssueHour.Run(issueId, hour, count);
        }

        foreach (var ((projectId, hour), count) in _totals.ProjectHours)
        {
            Sql.AddProjectHour.Run(projectId, hour, count);
        }

        // In key order: consecutive upserts then land on neighbouring b-tree pages, which the page cache
        // still holds, instead of one random page each.
        _tagsInKeyOrder.Clear();
        _tagsInKeyOrder.AddRange(_totals.Tags);
        _tagsInKeyOrder.Sort(static (a, b) =>
        {
            var byIssue = a.Key.IssueId.CompareTo(b.Key.IssueId);
            if (byIssue != 0)
            {
                return byIssue;
            }

            var byKey = string.CompareOrdinal(a.Key.Key, b.Key.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Key.Value, b.Key.Value);
        });
        foreach (var ((issueId, key, value), (count, first, last)) in _tagsInKeyOrder)
        {
            Sql.AddIssueTag.Run(issueId, key, value, count, first.ToUnixTimeMilliseconds(), last.ToUnixTimeMilliseconds());
        }
    }

    // While the digest keeps up, it parses on its own thread and leaves the other cores to ingest: on two
    // cores, parsing in parallel took both in bursts, ingest's latency tail doubled and fewer events were
    // acknowledged (8,800 instead of 9,600-10,200 small events/s end to end). Once the oldest event of
    // the batch waited longer than ParallelPrepareLag (a backlog after a restart, or large events
    // arriving faster than one core parses them) catching up comes first.
    private IEnumerable<PreparedEvent> PrepareInChunks(IReadOnlyList<InboxEventRow> rows)
    {
        var parallel = rows.Count > 0 && time.GetUtcNow() - rows[0].ReceivedAt > ParallelPrepareLag;
        for (var start = 0; start < rows.Count; start += PrepareChunk)
        {
            foreach (var prepared in Prepare(rows, start, Math.Min(PrepareChunk, rows.Count - start), parallel))
            {
                yield return prepared;
            }
        }
    }

    private static PreparedEvent[] Prepare(IReadOnlyList<InboxEventRow> rows, int start, int count, bool parallel)
    {
        var prepared = new PreparedEvent[count];
        if (parallel)
        {
            Parallel.For(0, count, i => prepared[i] = PreparedEvent.Prepare(rows[start + i]));
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                prepared[i] = PreparedEvent.Prepare(rows[start + i]);
            }
        }

        return prepared;
    }

    public void Dispose()
    {
        _statements?.Dispose();
        _workflow?.Dispose();
        _volume?.Dispose();
    }
}
