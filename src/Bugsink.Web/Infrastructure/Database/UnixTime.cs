namespace Bugsink.Web.Infrastructure.Database;

// Times are stored as Unix milliseconds (UnixMillisecondsConverter). A number that came from outside (a
// cursor in a URL) may lie beyond what DateTimeOffset can hold; converting it would throw.
public static class UnixTime
{
    private static readonly long Min = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long Max = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public static bool IsRepresentable(long milliseconds) => milliseconds >= Min && milliseconds <= Max;
}
