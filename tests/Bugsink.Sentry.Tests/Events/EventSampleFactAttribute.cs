namespace Bugsink.Sentry.Tests.Events;

// xunit 2 has no runtime skip, so a test that needs the sample folder is marked skipped (with the reason
// shown) when the folder is missing, instead of failing on machines without it; CI opts out of that.
public sealed class EventSampleFactAttribute : FactAttribute
{
    public EventSampleFactAttribute()
    {
        if (EventSampleFolder.ShouldSkip)
        {
            Skip = EventSampleFolder.MissingMessage;
        }
    }
}
