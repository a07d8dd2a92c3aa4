namespace Bugsink.Web.Features.RunWrapper;

// Linux's numbers for the signals that end programs in practice; others are shown by number.
public static class SignalNames
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [1] = "SIGHUP", [2] = "SIGINT", [3] = "SIGQUIT", [4] = "SIGILL", [5] = "SIGTRAP", [6] = "SIGABRT",
        [7] = "SIGBUS", [8] = "SIGFPE", [9] = "SIGKILL", [10] = "SIGUSR1", [11] = "SIGSEGV", [12] = "SIGUSR2",
        [13] = "SIGPIPE", [14] = "SIGALRM", [15] = "SIGTERM", [24] = "SIGXCPU", [25] = "SIGXFSZ",
    };

    public static string Of(int signal) =>
        Names.TryGetValue(signal, out var name) ? name : "signal " + signal.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
