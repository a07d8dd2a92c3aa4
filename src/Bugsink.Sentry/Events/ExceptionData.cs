namespace Bugsink.Sentry.Events;

// Value holds the text even when the SDK sent other JSON (Relay stringifies it); Synthetic means the type
// and value were made up by the SDK (e.g. a signal handler) and must not be used for grouping or titles.
public sealed record ExceptionData(
    string? Type,
    string? Value,
    string? Module,
    string? MechanismType,
    bool? Handled,
    bool Synthetic);
