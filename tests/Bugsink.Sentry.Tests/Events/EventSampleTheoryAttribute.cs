namespace Bugsink.Sentry.Tests.Events;

// The [Theory] counterpart of EventSampleFactAttribute.
public sealed class EventSampleTheoryAttribute : TheoryAttribute
{
    public EventSampleTheoryAttribute()
    {
        if (EventSampleFolder.ShouldSkip)
        {
            Skip = EventSampleFolder.MissingMessage;
        }
    }
}
