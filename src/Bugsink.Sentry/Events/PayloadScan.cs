namespace Bugsink.Sentry.Events;

public readonly record struct PayloadScan(PayloadShape Shape, string? EventId, string? Type, string? Error);
