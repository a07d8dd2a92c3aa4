using System.Text;
using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Features.PayloadDictionaries;
using Bugsink.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Bugsink.Web.Tests.Features.PayloadDictionaries;

// A project's first events are stored with plain zstd; once enough are digested a dictionary is trained
// in the background and later events are stored with it, smaller, and read back byte for byte.
[Collection(SequentialServers.Name)]
public sealed class DictionaryTrainingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AfterEnoughEvents_ProjectGetsADictionary_AndLaterEventsAreStoredWithIt()
    {
        await using var server = await BugsinkTestServer.StartAsync();
        var project = await server.CreateProjectAsync("Dictionary");
        var other = await server.CreateProjectAsync("Too few events");
        await SendAsync(server, other, 10, seed: 5_000);
        await SendAsync(server, project, TrainDictionaryJob.MinSamples + 20, seed: 0);
        await server.WaitForDigestAsync();

        var dictionaryId = await WaitForDictionaryAsync(server, project.Id);
        var before = server.Count("SELECT avg(length(Payload)) FROM Events WHERE ProjectId = $p", ("$p", project.Id));

        var later = await SendAsync(server, project, 40, seed: 10_000);
        await server.WaitForEventsAsync([.. later.Keys]);
        foreach (var (eventId, body) in later)
        {
            var (payload, size) = ReadPayload(server, eventId);
            Assert.Equal((uint)dictionaryId, PayloadCompression.DictionaryIdOf(payload));
            Assert.Equal(body, PayloadCompression.Decompress(payload, size));
        }

        var after = later.Keys.Average(id => ReadPayload(server, id).Payload.Length);
        output.WriteLine($"mean stored payload: {before} bytes before the dictionary, {after:0} with it (raw ~{later.Values.Average(b => b.Length):0})");
        Assert.True(after < before * 0.7, $"{after:0} vs {before} bytes");
        Assert.Equal(0, server.Count("SELECT count(*) FROM PayloadDictionaries WHERE ProjectId = $p", ("$p", other.Id)));

        // A restarted server loads the dictionaries before it serves: the same project keeps using it.
        var reloaded = new ProjectDictionaries(server.Services.GetRequiredService<IServiceScopeFactory>());
        await reloaded.StartAsync(CancellationToken.None);
        Assert.Equal((uint)dictionaryId, reloaded.For(project.Id)?.Id);
        Assert.Null(reloaded.For(other.Id));
    }

    private static async Task<Dictionary<string, byte[]>> SendAsync(BugsinkTestServer server, TestProject project, int count, int seed)
    {
        var sent = new Dictionary<string, byte[]>();
        for (var i = 0; i < count; i++)
        {
            var eventId = Envelopes.NewEventId();
            var body = Encoding.UTF8.GetBytes(RealisticEvents.Create(eventId, seed + i));
            var answer = await server.Http.PostAsync($"/api/{project.Id}/store/", body, IngestClient.AuthFor(project));
            Assert.Equal(200, answer.Status);
            sent[eventId] = body;
        }

        return sent;
    }

    private static async Task<long> WaitForDictionaryAsync(BugsinkTestServer server, long projectId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var id = server.Count("SELECT coalesce(max(Id), 0) FROM PayloadDictionaries WHERE ProjectId = $p", ("$p", projectId));
            if (id != 0)
            {
                return id;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No dictionary was trained.");
    }

    private static (byte[] Payload, int Size) ReadPayload(BugsinkTestServer server, string eventId)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={server.MainDatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Payload, PayloadSize FROM Events WHERE EventId = $id";
        command.Parameters.AddWithValue("$id", eventId);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return ((byte[])reader[0], reader.GetInt32(1));
    }
}
