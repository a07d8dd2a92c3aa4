namespace Bugsink.Sentry.Events;

public enum PayloadShape
{
    Valid,
    NotJson,
    TooDeep,
}
