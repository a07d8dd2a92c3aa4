using Bugsink.Web.Infrastructure.Database.Statements;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Infrastructure.Database.Engines;

// The one place that knows which engine each store uses: the main context and Hangfire's storage.
public static class DatabaseSetup
{
    // The default 15 s poll of either storage would add up to 15 s before a digest starts.
    private static readonly TimeSpan QueuePollInterval = TimeSpan.FromMilliseconds(200);

    public static IServiceCollection AddDatabase(this IServiceCollection services, DatabaseEngine engine, string sqlitePath)
    {
        services.AddSingleton(engine);
        services.AddPerEngine<IStatementConnections, SqliteStatementConnections, PostgresStatementConnections>();
        if (engine.IsPostgres)
        {
            services.AddDbContext<AppDbContext, PostgresAppDbContext>(options => options.UseNpgsql(engine.ConnectionString));
        }
        else
        {
            services.AddDbContext<AppDbContext>(options => options
                .UseSqlite(SqliteConnectionFactory.ConnectionString(sqlitePath))
                .AddInterceptors(new SqlitePragmaInterceptor()));
        }

        return services;
    }

    // A feature's engine-specific part (its own SQL): both implementations sit in the feature's folder and
    // the engine of the installation picks one here, so no feature code asks which engine it runs on.
    public static IServiceCollection AddPerEngine<TService, TSqlite, TPostgres>(this IServiceCollection services)
        where TService : class
        where TSqlite : class, TService
        where TPostgres : class, TService
    {
        services.AddSingleton<TSqlite>();
        services.AddSingleton<TPostgres>();
        services.AddSingleton<TService>(provider => provider.GetRequiredService<DatabaseEngine>().IsPostgres
            ? provider.GetRequiredService<TPostgres>()
            : provider.GetRequiredService<TSqlite>());
        return services;
    }

    // A background service that only runs against SQLite's files (retention's watchdogs, until retention has PostgreSQL
    // statements of its own): on PostgreSQL it is not started at all, so it cannot create bugsink.db in the data folder.
    public static IServiceCollection AddHostedServiceOnSqliteOnly<T>(this IServiceCollection services)
        where T : class, IHostedService
    {
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<DatabaseEngine>().IsPostgres
            ? new NotOnPostgres()
            : ActivatorUtilities.CreateInstance<T>(provider));
        return services;
    }

    private sealed class NotOnPostgres : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    // hangfire.db beside the main database on SQLite (apart, so job bookkeeping never contends with the
    // digest's writes); its own schema in the same database on PostgreSQL, so nodes share the queues.
    public static IGlobalConfiguration UseJobStorage(this IGlobalConfiguration configuration, DatabaseEngine engine, string sqliteJobsPath) =>
        engine.IsPostgres
            ? configuration.UsePostgreSqlStorage(
                connection => connection.UseNpgsqlConnection(engine.ConnectionString),
                new PostgreSqlStorageOptions { QueuePollInterval = QueuePollInterval, SchemaName = "hangfire", PrepareSchemaIfNecessary = true })
            : configuration.UseSQLiteStorage(sqliteJobsPath, new SQLiteStorageOptions { QueuePollInterval = QueuePollInterval });

    // Data-protection keys: in the database on PostgreSQL, so a cookie or token one node made opens on every
    // node and no node needs a shared disk; on SQLite in the data folder's keys/ as always, so an upgrade keeps
    // everyone signed in and every stored channel secret readable (`migrate-to-postgres` carries them over).
    public static IDataProtectionBuilder PersistKeysPerEngine(this IDataProtectionBuilder builder, DatabaseEngine engine, string keysFolder) =>
        engine.IsPostgres
            ? builder.PersistKeysToDbContext<AppDbContext>()
            : builder.PersistKeysToFileSystem(new DirectoryInfo(keysFolder));
}
