using System.Runtime.CompilerServices;

namespace Bugsink.E2E.ConsoleApp;

// Named methods, kept out of line, so the stack traces have stable function names in a Release build.
public static class Scenario
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void HandleCheckout(string marker)
    {
        try
        {
            LoadConfiguration(marker);
        }
        catch (FormatException cause)
        {
            throw new InvalidOperationException($"E2E handled failure {marker}", cause);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ProcessQueue(string marker) => throw new ArgumentOutOfRangeException(nameof(marker), $"E2E unhandled failure {marker}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LoadConfiguration(string marker) => throw new FormatException($"E2E cause {marker}");
}
