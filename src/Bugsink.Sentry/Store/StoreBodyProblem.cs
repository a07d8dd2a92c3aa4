namespace Bugsink.Sentry.Store;

public enum StoreBodyProblem
{
    None,
    Empty,
    TooLarge,
    InvalidBase64,
    Corrupt,
    NotJsonObject,
}
