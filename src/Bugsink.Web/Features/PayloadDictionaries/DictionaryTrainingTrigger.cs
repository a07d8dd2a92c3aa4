using System.Collections.Concurrent;
using Hangfire;

namespace Bugsink.Web.Features.PayloadDictionaries;

// Asks for a project's first dictionary once enough of its events have been digested, and again after
// as many more if training found too little to learn from. Counting in memory is enough: after a
// restart a project without a dictionary simply waits for another round of events.
public sealed partial class DictionaryTrainingTrigger(
    ProjectDictionaries dictionaries, IBackgroundJobClient jobs, TimeProvider time, ILogger<DictionaryTrainingTrigger> logger)
{
    // Training takes a few seconds; a busy project digests another batch long before that, and each
    // batch asking again trained a second dictionary for nothing (seen in every benchmark warm-up).
    private static readonly TimeSpan AskAgainAfter = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<long, int> _digestedSinceAsked = [];
    private readonly ConcurrentDictionary<long, DateTimeOffset> _askedAt = [];

    public void Digested(long projectId, int count)
    {
        if (dictionaries.For(projectId) is not null)
        {
            return;
        }

        var total = _digestedSinceAsked.AddOrUpdate(projectId, count, (_, before) => before + count);
        var now = time.GetUtcNow();
        if (total < TrainDictionaryJob.MinSamples || (_askedAt.TryGetValue(projectId, out var asked) && now - asked < AskAgainAfter))
        {
            return;
        }

        _digestedSinceAsked[projectId] = 0;
        _askedAt[projectId] = now;
        try
        {
            jobs.Enqueue<TrainDictionaryJob>(job => job.Run(projectId));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Compression still works without a dictionary; the next events ask again.
            LogEnqueueFailed(exception, projectId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not enqueue dictionary training for project {ProjectId}")]
    private partial void LogEnqueueFailed(Exception exception, long projectId);
}
