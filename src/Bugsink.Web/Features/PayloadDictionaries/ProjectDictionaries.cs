using System.Collections.Concurrent;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.PayloadDictionaries;

// Which dictionary each project's new payloads are compressed with: the newest one trained for it.
// Loaded before the server listens, so every stored payload can be read from the first request on.
public sealed class ProjectDictionaries(IOptions<SiteOptions> site) : IHostedService
{
    private readonly ConcurrentDictionary<long, PayloadDictionary> _current = [];

    public PayloadDictionary? For(long projectId) => _current.GetValueOrDefault(projectId);

    public void Publish(long projectId, PayloadDictionary dictionary)
    {
        KnownDictionaries.Register(dictionary);
        _current[projectId] = dictionary;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        using var connection = SqliteConnectionFactory.Open(site.Value.MainDatabasePath);
        using var command = connection.CreateCommand();
        // Oldest first, so each project ends up with its newest dictionary current.
        command.CommandText = "SELECT Id, ProjectId, Data FROM PayloadDictionaries ORDER BY CreatedAt, Id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            Publish(reader.GetInt64(1), new PayloadDictionary((uint)reader.GetInt64(0), (byte[])reader[2]));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
