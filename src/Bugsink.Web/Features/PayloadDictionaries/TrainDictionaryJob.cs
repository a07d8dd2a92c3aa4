using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Hangfire;
using Microsoft.Extensions.Options;
using ZstdSharp;

namespace Bugsink.Web.Features.PayloadDictionaries;

// Trains a project's compression dictionary from its most recent stored events. Runs once a project
// has enough events; from then on ingest compresses that project's payloads with it.
public sealed partial class TrainDictionaryJob(
    ProjectDictionaries dictionaries, IOptions<SiteOptions> site, TimeProvider time, ILogger<TrainDictionaryJob> logger)
{
    public const int MinSamples = 100;
    private const int MaxSamples = 1_000;
    // zstd's own default; larger helped nothing on 4 KB and 50 KB events.
    private const int Capacity = 112_640;

    [AutomaticRetry(Attempts = 2)]
    public void Run(long projectId)
    {
        if (dictionaries.For(projectId) is not null)
        {
            return;
        }

        using var connection = SqliteConnectionFactory.Open(site.Value.MainDatabasePath);
        var samples = ReadSamples(connection, projectId);
        if (samples.Count < MinSamples)
        {
            return;
        }

        byte[] trained;
        try
        {
            trained = DictBuilder.TrainFromBuffer(samples, Capacity);
        }
        catch (ZstdException exception)
        {
            // Too little or too uniform text to learn from; the trigger asks again after more events.
            LogTrainingFailed(exception, projectId, samples.Count);
            return;
        }

        var dictionary = PayloadDictionary.FromTrained(trained);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT OR IGNORE INTO PayloadDictionaries (Id, ProjectId, CreatedAt, SampleCount, Data) VALUES ($id, $project, $at, $samples, $data)
                """;
            command.Parameters.AddWithValue("$id", (long)dictionary.Id);
            command.Parameters.AddWithValue("$project", projectId);
            command.Parameters.AddWithValue("$at", time.GetUtcNow().ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$samples", samples.Count);
            command.Parameters.AddWithValue("$data", dictionary.Data);
            command.ExecuteNonQuery();
        }

        // Published only once it is on disk: a payload must never name a dictionary the database lacks.
        dictionaries.Publish(projectId, dictionary);
        LogTrained(projectId, dictionary.Id, samples.Count, dictionary.Data.Length);
    }

    private static List<byte[]> ReadSamples(Microsoft.Data.Sqlite.SqliteConnection connection, long projectId)
    {
        var samples = new List<byte[]>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Payload, PayloadSize FROM Events WHERE ProjectId = $project AND IsParsable = 1 ORDER BY Id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$limit", MaxSamples);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            try
            {
                samples.Add(PayloadCompression.Decompress((byte[])reader[0], reader.GetInt32(1)));
            }
            catch (InvalidDataException)
            {
                // A damaged payload teaches nothing; the others suffice.
            }
        }

        return samples;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trained compression dictionary {DictionaryId} for project {ProjectId} from {Samples} events ({Bytes} bytes)")]
    private partial void LogTrained(long projectId, uint dictionaryId, int samples, int bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not train a compression dictionary for project {ProjectId} from {Samples} events")]
    private partial void LogTrainingFailed(Exception exception, long projectId, int samples);
}
