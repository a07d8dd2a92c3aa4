using Microsoft.Data.Sqlite;

namespace Bugsink.Web.Features.Retention;

// Deletes events in short transactions of at most DeleteBatchSize rows: the events, their attachments
// and the issues' stored counts change together, so a page never sees a count that disagrees with
// the rows. EventCount (every event ever seen) is never touched. Between transactions the writer lock
// is let go for a moment so a digest batch waiting on the same file gets its turn.
public sealed class EventDeleter : IDisposable
{
    // Long enough for a digest's busy handler (which backs off in steps of up to 100 ms) to catch the
    // free lock now and then; measured in the flood test of issue 8.
    private static readonly TimeSpan PauseBetweenTransactions = TimeSpan.FromMilliseconds(5);

    private readonly SqliteConnection _connection;
    private readonly int _batchSize;
    private readonly SqliteCommand _deleteOldest;
    private readonly SqliteCommand _deleteOlderThan;
    private readonly SqliteCommand _deleteAttachments;
    private readonly SqliteCommand _decrementStored;

    public EventDeleter(SqliteConnection connection, int batchSize)
    {
        _connection = connection;
        _batchSize = Math.Max(1, batchSize);
        // Oldest first by the (IssueId, Timestamp) index, whose implicit rowid makes "Timestamp, Id" index order.
        _deleteOldest = Command("""
            DELETE FROM Events WHERE Id IN (
                SELECT Id FROM Events WHERE IssueId = $issue AND IsProtected = $protected ORDER BY Timestamp, Id LIMIT $limit)
            RETURNING EventId
            """, "$issue", "$protected", "$limit");
        _deleteOlderThan = Command("""
            DELETE FROM Events WHERE Id IN (
                SELECT Id FROM Events WHERE IssueId = $issue AND Timestamp < $cutoff ORDER BY Timestamp, Id LIMIT $limit)
            RETURNING EventId
            """, "$issue", "$cutoff", "$limit");
        _deleteAttachments = Command("DELETE FROM EventAttachments WHERE ProjectId = $project AND EventId = $event", "$project", "$event");
        _decrementStored = Command("UPDATE Issues SET StoredEventCount = StoredEventCount - $count WHERE Id = $issue", "$issue", "$count");
    }

    // Each issue's oldest events: first the unprotected ones the plan names, then (only when the plan
    // says nothing else is left) the protected ones. Returns how many were deleted.
    public async Task<long> EvictAsync(long projectId, IReadOnlyList<IssueEviction> plan, CancellationToken cancellationToken)
    {
        var work = new List<(long IssueId, bool Protected, long Count)>();
        foreach (var step in plan)
        {
            work.Add((step.IssueId, false, step.Unprotected));
            work.Add((step.IssueId, true, step.Protected));
        }

        return await RunAsync(projectId, work, (issueId, isProtected, limit) => Bind(_deleteOldest, issueId, isProtected, limit), cancellationToken);
    }

    // Every event of these issues older than the cutoff, protected or not: an age limit is a promise
    // about how long data is kept, so it has no exceptions.
    public async Task<long> DeleteOlderThanAsync(long projectId, IReadOnlyList<long> issueIds, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var work = issueIds.Select(id => (id, false, long.MaxValue)).ToList();
        var cutoffMs = cutoff.ToUnixTimeMilliseconds();
        return await RunAsync(projectId, work, (issueId, _, limit) => Bind(_deleteOlderThan, issueId, cutoffMs, limit), cancellationToken);
    }

    private async Task<long> RunAsync(
        long projectId, List<(long IssueId, bool Protected, long Count)> work, Func<long, bool, long, SqliteCommand> delete, CancellationToken cancellationToken)
    {
        long total = 0;
        var next = 0;
        var leftInStep = work.Count > 0 ? work[0].Count : 0;
        while (next < work.Count && !cancellationToken.IsCancellationRequested)
        {
            var room = _batchSize;
            using (var transaction = _connection.BeginTransaction())
            {
                Enlist(transaction);
                while (room > 0 && next < work.Count)
                {
                    var (issueId, isProtected, _) = work[next];
                    var deleted = leftInStep > 0 ? DeleteFromIssue(projectId, issueId, delete(issueId, isProtected, Math.Min(room, leftInStep))) : 0;
                    room -= deleted;
                    leftInStep -= deleted;
                    total += deleted;
                    // Fewer rows than asked for means the issue has no more of them.
                    if (leftInStep <= 0 || room > 0)
                    {
                        next++;
                        leftInStep = next < work.Count ? work[next].Count : 0;
                    }
                }

                transaction.Commit();
            }

            await Task.Delay(PauseBetweenTransactions, CancellationToken.None);
        }

        return total;
    }

    private int DeleteFromIssue(long projectId, long issueId, SqliteCommand delete)
    {
        var eventIds = new List<string>();
        using (var reader = delete.ExecuteReader())
        {
            while (reader.Read())
            {
                eventIds.Add(reader.GetString(0));
            }
        }

        foreach (var eventId in eventIds)
        {
            _deleteAttachments.Parameters["$project"].Value = projectId;
            _deleteAttachments.Parameters["$event"].Value = eventId;
            _deleteAttachments.ExecuteNonQuery();
        }

        if (eventIds.Count > 0)
        {
            _decrementStored.Parameters["$issue"].Value = issueId;
            _decrementStored.Parameters["$count"].Value = eventIds.Count;
            _decrementStored.ExecuteNonQuery();
        }

        return eventIds.Count;
    }

    private static SqliteCommand Bind(SqliteCommand command, long issueId, object second, long limit)
    {
        command.Parameters[0].Value = issueId;
        command.Parameters[1].Value = second;
        command.Parameters[2].Value = limit;
        return command;
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private void Enlist(SqliteTransaction transaction)
    {
        _deleteOldest.Transaction = transaction;
        _deleteOlderThan.Transaction = transaction;
        _deleteAttachments.Transaction = transaction;
        _decrementStored.Transaction = transaction;
    }

    public void Dispose()
    {
        _deleteOldest.Dispose();
        _deleteOlderThan.Dispose();
        _deleteAttachments.Dispose();
        _decrementStored.Dispose();
    }
}
