using System.Text.RegularExpressions;

namespace Bugsink.E2E.Sdks;

// What one SDK program sends and what the server must make of it. Exact titles and culprits are the
// server's grouping rules (PROTOCOL.md §10) applied to what that SDK sends; levels are the SDK's own.
public sealed record ExceptionExpectation(
    string Title,
    string Culprit,
    string Level,
    bool Handled,
    // Exception types from the first cause to the main (last) exception, as the SDK reports them.
    IReadOnlyList<string> Chain,
    // Functions that must appear as in-app frames of the main exception, and of its cause when chained.
    IReadOnlyList<string> Functions,
    IReadOnlyList<string> CauseFunctions);

public sealed record MessageExpectation(string Title, string Level, string Template);

public sealed record SdkSpec
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public required string Marker { get; init; }

    public required string Release { get; init; }

    public required string Environment { get; init; }

    // How to start the program, relative to the repository root.
    public required string FileName { get; init; }

    public required IReadOnlyList<string> Arguments { get; init; }

    public required string WorkingDirectory { get; init; }

    // Programs that end with an uncaught exception exit non-zero by design.
    public bool EndsWithUncaughtException { get; init; }

    // Files and commands that must exist for this SDK to run; missing ones are named in the report.
    public IReadOnlyList<string> RequiredFiles { get; init; } = [];

    public IReadOnlyList<(string FileName, string[] Arguments)> RequiredCommands { get; init; } = [];

    public ExceptionExpectation? HandledException { get; init; }

    public ExceptionExpectation? UnhandledException { get; init; }

    public MessageExpectation? Message { get; init; }

    public bool SendsAttachment { get; init; }

    public bool SendsFeedback { get; init; }

    public bool BreadcrumbsCarryData { get; init; }

    // Item types this SDK must have sent, had answered 2xx, and the server must have counted as accepted.
    public IReadOnlyList<string> AcceptedItemTypes { get; init; } = [];

    // Lines of the SDK's debug log that mean a send failed or an outcome other than our own drop was recorded.
    public IReadOnlyList<Regex> FailurePatterns { get; init; } = [];

    public bool IsBrowser { get; init; }

    // Python SDK 1.9 posts events without attachments to the legacy /store/ endpoint.
    public bool UsesStoreEndpoint { get; init; }
}
