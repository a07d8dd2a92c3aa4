using System.Collections.Concurrent;
using Hangfire;

namespace Bugsink.Web.Features.PayloadDictionaries;

// Asks for a project's first dictionary once enough of its events have been digested, and again after
// as many more if training found too little to learn from. Counting in memory is enough: after a
// restart a project without a dictionary simply waits for another round of events.
public sealed partial class DictionaryTrainingTrigger(ProjectDictionaries dictionaries, IBackgroundJobClient jobs, ILogger<DictionaryTrainingTrigger> logger)
{
    private readonly ConcurrentDictionary<long, int> _digestedSinceAsked = [];

    public void Digested(long projectId, int count)
    {
        if (dictionaries.For(projectId) is not null)
        {
            return;
        }

        var total = _digestedSinceAsked.AddOrUpdate(projectId, count, (_, before) => before + count);
        if (total < TrainDictionaryJob.MinSamples)
        {
            return;
        }

        _digestedSinceAsked[projectId] = 0;
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
