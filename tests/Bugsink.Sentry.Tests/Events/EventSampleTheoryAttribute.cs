namespace Bugsink.Sentry.Tests.Events;

// The [Theory] counterpart of EventSampleFactAttribute.
public sealed class EventSampleTheoryAttribute : TheoryAttribute
{
    public EventSampleTheoryAttribute()
    {
        if (EventSampleFolder.Path is null)
        {
            Skip = EventSampleFolder.MissingMessage;
        }
    }
}
