using Bugsink.Web.Infrastructure.Database.Statements;
using Hangfire;
using ZstdSharp;

namespace Bugsink.Web.Features.PayloadDictionaries;

// Trains a project's compression dictionary from its most recent stored events. Runs once a project
// has enough events; from then on ingest compresses that project's payloads with it.
public sealed partial class TrainDictionaryJob(
    ProjectDictionaries dictionaries, IStatementConnections connections, TimeProvider time, ILogger<TrainDictionaryJob> logger)
{
    public const int MinSamples = 100;
    public const int MaxSamples = 1_000;
    // zstd's own default; larger helped nothing on 4 KB and 50 KB events.
    public const int Capacity = 112_640;
    // About 100 times the dictionary (zstd's guidance): 1,000 events of 4 KB, or ~230 of 50 KB.
    public const int MaxSampleBytes = 100 * Capacity;
    public const int MaxBytesPerSample = MaxSampleBytes / MinSamples;

    [AutomaticRetry(Attempts = 2)]
    public void Run(long projectId)
    {
        if (dictionaries.For(projectId) is not null)
        {
            return;
        }

        using var main = connections.OpenMain();
        var connection = main.Connection;
        var samples = DictionarySamples.Read(connection, projectId, MaxSamples, MaxSampleBytes, MaxBytesPerSample);
        if (samples.Count < MinSamples)
        {
            return;
        }

        byte[] trained;
        try
        {
            trained = samples.Train(Capacity);
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
                INSERT INTO "PayloadDictionaries" ("Id", "ProjectId", "CreatedAt", "SampleCount", "Data") VALUES (@id, @project, @at, @samples, @data)
                ON CONFLICT DO NOTHING
                """;
            DictionarySamples.Add(command, "id", (long)dictionary.Id);
            DictionarySamples.Add(command, "project", projectId);
            DictionarySamples.Add(command, "at", time.GetUtcNow().ToUnixTimeMilliseconds());
            DictionarySamples.Add(command, "samples", samples.Count);
            DictionarySamples.Add(command, "data", dictionary.Data);
            command.ExecuteNonQuery();
        }

        // Published only once it is on disk: a payload must never name a dictionary the database lacks.
        dictionaries.Publish(projectId, dictionary);
        LogTrained(projectId, dictionary.Id, samples.Count, dictionary.Data.Length);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trained compression dictionary {DictionaryId} for project {ProjectId} from {Samples} events ({Bytes} bytes)")]
    private partial void LogTrained(long projectId, uint dictionaryId, int samples, int bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not train a compression dictionary for project {ProjectId} from {Samples} events")]
    private partial void LogTrainingFailed(Exception exception, long projectId, int samples);
}
