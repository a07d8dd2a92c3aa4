using Bugsink.Sentry.Events;

namespace Bugsink.Web.Features.Alerts;

// From the event's stored payload; every string here was written by whoever sent the event.
public sealed record EventFacts(string? Release, string? Environment, StackFrameData? CrashFrame);
