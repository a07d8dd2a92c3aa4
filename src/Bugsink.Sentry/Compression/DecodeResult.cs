namespace Bugsink.Sentry.Compression;

// Body is set only for Ok and must then be disposed by the caller; Message explains every other status.
public readonly record struct DecodeResult(DecodeStatus Status, DecodedBody? Body, string? Message);
