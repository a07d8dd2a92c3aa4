using Bugsink.Web.Infrastructure.Database.Engines;
using Bugsink.Web.Infrastructure.Database.Statements;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bugsink.Web.Features.Digest;

// On PostgreSQL one node digests at a time: the one whose digest connection holds a session advisory lock. Every
// node tries for it once a second; the database frees it when the holder's session ends (a crash, a SIGKILL, a lost
// network), so another node takes over within about a second. The batches run on that same connection, so a
// transaction can only commit while its node still holds the lock: a node that lost it cannot digest alongside the
// new leader. A loop of its own rather than a Hangfire job: Hangfire's PostgreSQL queue is shared, so a job asked
// for on one node may run on another, and a job a dead node held is only handed out again after 30 minutes.
//
// The leader drains when this node's inbox writer commits (Request) and otherwise every PollInterval, which is
// therefore the bound on how long rows written by other nodes wait before the digest reads them.
public sealed partial class PostgresDigestLeader(
    IServiceProvider services, DatabaseEngine engine, IOptions<DigestOptions> options, ILogger<PostgresDigestLeader> logger) : IDigestTrigger, IDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    // Any fixed number apart from MigrationLock's; advisory locks live in the database's own namespace.
    private const long LockKey = 0x6275_6773_696E_6B02;

    private readonly SemaphoreSlim _wake = new(0, 1);
    private volatile bool _isLeader;

    // Whether this node digests now (for /metrics and the tests).
    public bool IsLeader => _isLeader;

    public bool IsPending => false;

    public void Request()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another request woke it first.
            }
        }
    }

    public void MarkStarted()
    {
    }

    public void Dispose() => _wake.Dispose();

    // On a thread of its own: the digest blocks in the database for the length of every batch.
    public Task RunAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => LeadAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task LeadAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Unpooled, as MigrationLock's: a pooled connection would go back to the pool still holding the lock.
                using var main = PostgresStatementConnection.Open(new NpgsqlConnectionStringBuilder(engine.ConnectionString) { Pooling = false }.ConnectionString);
                while (!TryLock(main.Connection))
                {
                    await Task.Delay(PollInterval, stoppingToken);
                }

                _isLeader = true;
                LogLeading();
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!options.Value.Paused)
                    {
                        await services.GetRequiredService<DigestJob>().DrainOnAsync(main, stoppingToken);
                    }

                    await _wake.WaitAsync(PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Closing the connection gave the lock up; any node (this one included) takes it again shortly.
                _isLeader = false;
                LogLost(exception);
                await Task.Delay(PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            finally
            {
                _isLeader = false;
            }
        }
    }

    private static bool TryLock(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = LockKey });
        return command.ExecuteScalar() is true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This node holds the digest lock and digests the inbox")]
    private partial void LogLeading();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The digest stopped on this node; it gave the digest lock up and tries again")]
    private partial void LogLost(Exception exception);
}
