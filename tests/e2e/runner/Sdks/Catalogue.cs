using System.Text.RegularExpressions;

namespace Bugsink.E2E.Sdks;

// The five SDK programs of tests/e2e and what each must produce on the server.
public static class Catalogue
{
    private const string Template = "E2E message %s for %s with %s items";

    private static readonly Regex[] JavaScriptFailures =
    [
        new("Encountered error running transport request"),
        new("Sentry responded with status code"),
        new("Dropping client report"),
        new("Skipped sending event because buffer is full"),
        new("Recording outcome: \"(?!before_send:)"),
    ];

    public static IReadOnlyList<SdkSpec> All(string runId, string chromium) =>
    [
        DotNet(Marker(runId, "dotnet")),
        AspNetCore(Marker(runId, "aspnetcore")),
        OnSdk6(DotNet(Marker(runId, "dotnet6")) with { Name = "dotnet6", Description = "NuGet Sentry 6.12.1, console program", Release = "e2e-dotnet6@1.2.3" }),
        OnSdk6(AspNetCore(Marker(runId, "aspnetcore6")) with { Name = "aspnetcore6", Description = "NuGet Sentry.AspNetCore 6.12.1, a web app whose endpoint throws", Release = "e2e-aspnetcore6@1.2.3" }),
        Node(Marker(runId, "node")),
        Browser(Marker(runId, "browser"), chromium),
        Python(Marker(runId, "python")),
    ];

    private static string Marker(string runId, string sdk) => $"{runId}-{sdk}";

    // The same program built by run.sh on the previous SDK major, into bin/sdk6/.
    private static SdkSpec OnSdk6(SdkSpec spec)
    {
        static string Sdk6(string path) => path.Replace("/bin/Release/net10.0/", "/bin/sdk6/", StringComparison.Ordinal);
        return spec with { Arguments = [.. spec.Arguments.Select(Sdk6)], RequiredFiles = [.. spec.RequiredFiles.Select(Sdk6)] };
    }

    private static SdkSpec DotNet(string m) => new()
    {
        Name = "dotnet",
        Description = "NuGet Sentry 7.0.0, console program",
        Marker = m,
        Release = "e2e-dotnet@1.2.3",
        Environment = "e2e",
        FileName = "dotnet",
        Arguments = ["tests/e2e/dotnet/console/bin/Release/net10.0/Bugsink.E2E.ConsoleApp.dll"],
        WorkingDirectory = "tests/e2e/dotnet/console",
        RequiredFiles = ["tests/e2e/dotnet/console/bin/Release/net10.0/Bugsink.E2E.ConsoleApp.dll"],
        EndsWithUncaughtException = true,
        HandledException = new(
            $"System.InvalidOperationException: E2E handled failure {m}",
            "Scenario.cs in void Scenario.HandleCheckout(string marker)",
            "error",
            Handled: true,
            ["System.FormatException", "System.InvalidOperationException"],
            ["HandleCheckout"],
            ["LoadConfiguration"]),
        UnhandledException = new(
            $"System.ArgumentOutOfRangeException: E2E unhandled failure {m} (Parameter 'marker')",
            "Scenario.cs in void Scenario.ProcessQueue(string marker)",
            "error",
            Handled: false,
            ["System.ArgumentOutOfRangeException"],
            ["ProcessQueue"],
            []),
        Message = new("E2E message {0} for {1} with {2} items", "warning", "E2E message {0} for {1} with {2} items"),
        SendsAttachment = true,
        SendsFeedback = true,
        BreadcrumbsCarryData = true,
        AcceptedItemTypes = ["transaction", "session", "client_report"],
        FailurePatterns = [new(@"^\s*(Error|Fatal):", RegexOptions.Multiline), new("rejected the envelope")],
    };

    private static SdkSpec AspNetCore(string m) => new()
    {
        Name = "aspnetcore",
        Description = "NuGet Sentry.AspNetCore 7.0.0, a web app whose endpoint throws",
        Marker = m,
        Release = "e2e-aspnetcore@1.2.3",
        Environment = "e2e",
        FileName = "dotnet",
        Arguments = ["tests/e2e/dotnet/web/bin/Release/net10.0/Bugsink.E2E.WebApp.dll"],
        WorkingDirectory = "tests/e2e/dotnet/web",
        RequiredFiles = ["tests/e2e/dotnet/web/bin/Release/net10.0/Bugsink.E2E.WebApp.dll"],
        UnhandledException = new(
            $"System.InvalidOperationException: E2E unhandled failure {m} in cart 42",
            "CheckoutEndpoint.cs in void CheckoutEndpoint.ChargeCard(int cartId, string marker)",
            "error",
            Handled: false,
            ["System.InvalidOperationException"],
            ["ChargeCard", "CheckoutEndpoint.Handle"],
            []),
        Message = new("E2E message {Marker} for {User} with {CartId} items", "error", "E2E message {Marker} for {User} with {CartId} items"),
        AcceptedItemTypes = ["transaction"],
        FailurePatterns = [new(@"^(fail|crit): Sentry", RegexOptions.Multiline), new("rejected the envelope")],
    };

    private static SdkSpec Node(string m) => new()
    {
        Name = "node",
        Description = "npm @sentry/node (see tests/e2e/node/package-lock.json)",
        Marker = m,
        Release = "e2e-node@1.2.3",
        Environment = "e2e",
        FileName = "node",
        Arguments = ["send.mjs"],
        WorkingDirectory = "tests/e2e/node",
        RequiredFiles = ["tests/e2e/node/node_modules/@sentry/node/package.json"],
        RequiredCommands = [("node", ["--version"])],
        EndsWithUncaughtException = true,
        HandledException = new(
            $"Error: E2E handled failure {m}",
            "send in handleCheckout",
            "error",
            Handled: true,
            ["TypeError", "Error"],
            ["handleCheckout"],
            ["loadConfiguration"]),
        UnhandledException = new(
            $"RangeError: E2E unhandled failure {m}",
            "send in Timeout.processQueue [as _onTimeout]",
            "fatal",
            Handled: false,
            ["RangeError"],
            ["processQueue"],
            []),
        Message = new(Template, "warning", Template),
        SendsAttachment = true,
        SendsFeedback = true,
        BreadcrumbsCarryData = true,
        AcceptedItemTypes = ["span", "session", "client_report"],
        FailurePatterns = JavaScriptFailures,
    };

    private static SdkSpec Browser(string m, string chromium) => new()
    {
        Name = "browser",
        Description = "npm @sentry/browser in Debian's Chromium, page served from another origin",
        Marker = m,
        Release = "e2e-browser@1.2.3",
        Environment = "e2e",
        FileName = "node",
        Arguments = ["run.mjs"],
        WorkingDirectory = "tests/e2e/browser",
        RequiredFiles =
        [
            "tests/e2e/browser/node_modules/@sentry/browser/package.json",
            "tests/e2e/browser/node_modules/playwright-core/package.json",
            "tests/e2e/browser/node_modules/esbuild/package.json",
            chromium,
        ],
        RequiredCommands = [("node", ["--version"])],
        IsBrowser = true,
        // The page-load transaction names the route, and a transaction is the culprit when sent.
        HandledException = new(
            $"Error: E2E handled failure {m}",
            "/",
            "error",
            Handled: true,
            ["TypeError", "Error"],
            ["handleCheckout"],
            ["loadConfiguration"]),
        UnhandledException = new(
            $"RangeError: E2E unhandled failure {m}",
            "/",
            "error",
            Handled: false,
            ["RangeError"],
            ["processQueue"],
            []),
        Message = new(Template, "warning", Template),
        SendsAttachment = true,
        SendsFeedback = true,
        BreadcrumbsCarryData = true,
        AcceptedItemTypes = ["span", "session", "client_report"],
        FailurePatterns = [.. JavaScriptFailures, new(@"\[pageerror\] (?!E2E unhandled failure)"), new(@"\[console\.error\]")],
    };

    private static SdkSpec Python(string m) => new()
    {
        Name = "python",
        Description = "Debian python3-sentry-sdk with /usr/bin/python3 (/store/ for plain events)",
        Marker = m,
        Release = "e2e-python@1.2.3",
        Environment = "e2e",
        FileName = "/usr/bin/python3",
        Arguments = ["send.py"],
        WorkingDirectory = "tests/e2e/python",
        RequiredCommands = [("/usr/bin/python3", ["-c", "import sentry_sdk"])],
        EndsWithUncaughtException = true,
        UsesStoreEndpoint = true,
        HandledException = new(
            $"ValueError: E2E handled failure {m}",
            "__main__ in handle_checkout",
            "error",
            Handled: true,
            ["TypeError", "ValueError"],
            ["handle_checkout"],
            ["load_configuration"]),
        UnhandledException = new(
            $"RuntimeError: E2E unhandled failure {m}",
            "__main__ in process_queue",
            "error",
            Handled: false,
            ["RuntimeError"],
            ["process_queue"],
            []),
        Message = new(Template, "warning", Template),
        SendsAttachment = true,
        BreadcrumbsCarryData = true,
        AcceptedItemTypes = ["transaction", "session", "client_report"],
        FailurePatterns =
        [
            new("Unexpected status code"),
            new("Rate-limited via"),
            new("Internal error in sentry_sdk"),
            new(@"\[sentry\] ERROR:"),
            new("E2E_OUTCOME \\{\"reason\": \"(?!before_send\")"),
        ],
    };
}
