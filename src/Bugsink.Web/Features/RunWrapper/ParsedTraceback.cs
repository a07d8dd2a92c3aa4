namespace Bugsink.Web.Features.RunWrapper;

// A stack frame as Sentry's stacktrace interface has it; null fields are left out of the event.
public sealed record ParsedFrame(
    string? Function,
    string? Filename,
    int? Lineno,
    int? Colno = null,
    string? Module = null,
    string? ContextLine = null,
    bool InApp = true);

// Frames oldest first, the order Sentry's stacktrace interface uses (the crashing frame last).
public sealed record ParsedError(string Type, string Value, IReadOnlyList<ParsedFrame> Frames, string? Module = null);

// Exceptions in Sentry's order: the first cause first, the exception that ended the program last.
// EndLine is the index just past the traceback's last line, so that of several tracebacks in one
// stderr (a logged one, then the fatal one) the latest wins.
public sealed record ParsedTraceback(string Platform, IReadOnlyList<ParsedError> Exceptions, int EndLine);

// The three readers in one place: the traceback that ends last in stderr is the one that ended the program.
public static class TracebackReader
{
    public static ParsedTraceback? FindLast(IReadOnlyList<string> lines)
    {
        ParsedTraceback? best = null;
        foreach (var found in (ParsedTraceback?[])[PythonTraceback.Parse(lines), NodeTraceback.Parse(lines), DotnetTraceback.Parse(lines)])
        {
            if (found is not null && (best is null || found.EndLine > best.EndLine))
            {
                best = found;
            }
        }

        return best;
    }
}
