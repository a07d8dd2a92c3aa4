namespace Bugsink.Sentry.Compression;

public enum DecodeStatus
{
    Ok,
    TooLarge,
    Corrupt,
    UnsupportedEncoding,
}
