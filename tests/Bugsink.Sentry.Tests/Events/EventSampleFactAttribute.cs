namespace Bugsink.Sentry.Tests.Events;

// xunit 2 has no runtime skip, so a test that needs the sample folder skips (with the reason shown) when
// it is missing instead of failing on machines without it.
public sealed class EventSampleFactAttribute : FactAttribute
{
    public EventSampleFactAttribute()
    {
        if (EventSampleFolder.Path is null)
        {
            Skip = EventSampleFolder.MissingMessage;
        }
    }
}
