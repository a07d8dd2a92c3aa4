namespace Bugsink.Sentry.Events;

public sealed record StackFrameData(
    string? Function,
    string? RawFunction,
    string? Module,
    string? Package,
    string? Filename,
    string? AbsPath,
    int? LineNo,
    int? ColNo,
    bool? InApp,
    string? ContextLine);
