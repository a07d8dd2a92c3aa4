namespace Bugsink.E2E.Checks;

// One line of the report: an SDK's scenario item, passed, failed, or not counted (null) with the reason.
public sealed record CheckResult(string Sdk, string Item, bool? Passed, IReadOnlyList<string> Problems)
{
    // Not counted because the SDK's tools are missing (only outside .ci/run).
    public bool Skipped { get; init; }

    public static CheckResult NotApplicable(string sdk, string item, string why) => new(sdk, item, null, [why]);
}
