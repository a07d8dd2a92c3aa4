using System.Data.Common;

namespace Bugsink.Web.Features.Ingest;

// Writes RejectedItemCounter's counts to inbox.db every few seconds and once more at shutdown. Its own
// tiny transaction, apart from the inbox writer's batches: a flood of refusals commits no events, so
// riding along with event commits (as dropped_items does) would leave these counts in memory.
public sealed partial class RejectedItemFlusher(IInbox inbox, RejectedItemCounter counter, ILogger<RejectedItemFlusher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public const string CreateTable = """
        CREATE TABLE IF NOT EXISTS rejected_items (
            project_id BIGINT NOT NULL,
            reason TEXT NOT NULL,
            count BIGINT NOT NULL,
            PRIMARY KEY (project_id, reason)
        );
        """;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        using (var connection = inbox.OpenConnection())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = CreateTable;
            command.ExecuteNonQuery();
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Flush();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Flush();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // StopAsync writes what is left.
        }
    }

    public void Flush()
    {
        var counts = counter.TakeAll();
        if (counts.Count == 0)
        {
            return;
        }

        try
        {
            using var connection = inbox.OpenConnection();
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO rejected_items (project_id, reason, count) VALUES (@project, @reason, @count)
                ON CONFLICT (project_id, reason) DO UPDATE SET count = rejected_items.count + excluded.count
                """;
            var project = Parameter(command, "project");
            var reason = Parameter(command, "reason");
            var count = Parameter(command, "count");
            foreach (var ((projectId, why), total) in counts)
            {
                (project.Value, reason.Value, count.Value) = (projectId, RejectedItemCounter.Name(why), total);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        catch (DbException exception)
        {
            counter.Restore(counts);
            LogFlushFailed(exception);
        }
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the rejected-item counts; they stay in memory")]
    private partial void LogFlushFailed(Exception exception);
}
