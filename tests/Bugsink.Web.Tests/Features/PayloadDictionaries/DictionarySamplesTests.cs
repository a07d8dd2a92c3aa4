using System.Text;
using Bugsink.Web.Features.Ingest;
using Bugsink.Web.Features.PayloadDictionaries;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.PayloadDictionaries;

// The trainer's samples stay within about 100 times the dictionary's size whatever the events weigh,
// and still number enough to train on: large events must not cost the server hundreds of megabytes
// at the moment their project gets its dictionary.
public sealed class DictionarySamplesTests : IDisposable
{
    // Only the columns the sampler reads, in a real database file.
    private readonly ScratchDatabase _database = new("CREATE TABLE Events (Id INTEGER PRIMARY KEY, ProjectId INTEGER, IsParsable INTEGER, Payload BLOB, PayloadSize INTEGER)");

    [Fact]
    public void SmallEvents_AllOfTheNewestThousandAreTaken()
    {
        var sizes = Store(projectId: 1, count: 1_200, eventsPerPayload: 1);
        Store(projectId: 2, count: 50, eventsPerPayload: 1);

        var samples = Read(projectId: 1);

        Assert.Equal(TrainDictionaryJob.MaxSamples, samples.Count);
        Assert.Equal(sizes.TakeLast(TrainDictionaryJob.MaxSamples).Sum(), samples.Length);
    }

    [Fact]
    public void LargeEvents_StopAtTheByteBound_AndStillTrain()
    {
        var sizes = Store(projectId: 1, count: 400, eventsPerPayload: 12);
        Assert.InRange(sizes.Average(), 40_000, TrainDictionaryJob.MaxBytesPerSample);

        var samples = Read(projectId: 1);

        Assert.InRange(samples.Length, TrainDictionaryJob.MaxSampleBytes - TrainDictionaryJob.MaxBytesPerSample, TrainDictionaryJob.MaxSampleBytes);
        Assert.InRange(samples.Count, TrainDictionaryJob.MinSamples, 400 - 1);
        AssertTrainsAUsefulDictionary(samples);
    }

    [Fact]
    public void OversizedEvents_GiveTheirBeginnings_SoEnoughSamplesRemain()
    {
        var sizes = Store(projectId: 1, count: 150, eventsPerPayload: 60);
        Assert.All(sizes, size => Assert.True(size > TrainDictionaryJob.MaxBytesPerSample, $"{size} bytes"));

        var samples = Read(projectId: 1);

        Assert.Equal(TrainDictionaryJob.MinSamples, samples.Count);
        Assert.Equal(TrainDictionaryJob.MinSamples * TrainDictionaryJob.MaxBytesPerSample, samples.Length);
        AssertTrainsAUsefulDictionary(samples);
    }

    [Fact]
    public void DamagedAndUnparsablePayloads_AreSkipped()
    {
        Store(projectId: 1, count: 10, eventsPerPayload: 1);
        Insert(projectId: 1, isParsable: true, [1, 2, 3, 4], size: 4_000);
        Insert(projectId: 1, isParsable: false, PayloadCompression.Compress("not json"u8), size: 8);

        var samples = Read(projectId: 1);

        Assert.Equal(10, samples.Count);
    }

    private DictionarySamples Read(long projectId) => DictionarySamples.Read(
        _database.Connection, projectId, TrainDictionaryJob.MaxSamples, TrainDictionaryJob.MaxSampleBytes, TrainDictionaryJob.MaxBytesPerSample);

    private static void AssertTrainsAUsefulDictionary(DictionarySamples samples)
    {
        var dictionary = PayloadDictionary.FromTrained(samples.Train(TrainDictionaryJob.Capacity));
        var unseen = Payload(seed: 1_000_000, eventsPerPayload: 1);
        Assert.True(
            PayloadCompression.Compress(unseen, dictionary).Length < PayloadCompression.Compress(unseen).Length * 0.7,
            "the dictionary should shrink an unseen event by well over 30%");
    }

    private List<int> Store(long projectId, int count, int eventsPerPayload)
    {
        var sizes = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var payload = Payload((int)(projectId * 100_000) + i, eventsPerPayload);
            Insert(projectId, isParsable: true, PayloadCompression.Compress(payload), payload.Length);
            sizes.Add(payload.Length);
        }

        return sizes;
    }

    // Larger events are several realistic ones side by side: text of the same kind, in the same proportions.
    private static byte[] Payload(int seed, int eventsPerPayload) => Encoding.UTF8.GetBytes(string.Join(
        ",", Enumerable.Range(0, eventsPerPayload).Select(i => RealisticEvents.Create(Guid.NewGuid().ToString("N"), (seed * 64) + i))));

    private void Insert(long projectId, bool isParsable, byte[] stored, int size)
    {
        using var insert = _database.Connection.CreateCommand();
        insert.CommandText = "INSERT INTO Events (ProjectId, IsParsable, Payload, PayloadSize) VALUES ($p, $parsable, $payload, $size)";
        insert.Parameters.AddWithValue("$p", projectId);
        insert.Parameters.AddWithValue("$parsable", isParsable);
        insert.Parameters.AddWithValue("$payload", stored);
        insert.Parameters.AddWithValue("$size", size);
        insert.ExecuteNonQuery();
    }

    public void Dispose() => _database.Dispose();
}
