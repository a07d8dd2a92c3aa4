namespace Bugsink.Benchmarks.Payloads;

// How much an event carries. FramesWithContext counts from the top of the stack (where the error was raised). "small" lands near 4 KB (a typical server-side exception with a few
// breadcrumbs); "large" near 50 KB (deep stack with source context everywhere, long breadcrumb trail,
// loaded modules and a request body), the size Bugsink's own 30 events/s figure was measured with.
public sealed record EventProfile(
    string Name,
    int MinFrames,
    int MaxFrames,
    int ContextLines,
    int FramesWithContext,
    bool VerboseFrames,
    int Breadcrumbs,
    int Modules,
    int ExtraBlobs,
    int ExtraBlobLength)
{
    public static readonly EventProfile Small = new("small", 10, 11, 1, 1, false, 2, 0, 0, 0);

    public static readonly EventProfile Large = new("large", 30, 40, 3, int.MaxValue, true, 40, 80, 3, 2000);

    public static EventProfile Parse(string name) => name switch
    {
        "small" => Small,
        "large" => Large,
        _ => throw new ArgumentException($"unknown size '{name}' (use small or large)"),
    };
}
