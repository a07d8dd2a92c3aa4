namespace Bugsink.Web.Features.Alerts;

public sealed record IssueFacts(long Id, long Number, string Title, string? Culprit, DateTimeOffset FirstSeen, long EventCount);
