namespace Bugsink.Web.Features.Ingest;

// One entry of X-Sentry-Rate-Limits: for how many whole seconds, and whose limit it is
// ("project" for a project's quota, "organization" for the installation's; PROTOCOL.md §7.4).
public readonly record struct RateLimit(int RetryAfterSeconds, string Scope)
{
    public const string OrganizationScope = "organization";

    public const string ProjectScope = "project";

    // Rounded up and at least 1: a limit that ends in 0.3 s must still make the SDK wait.
    public static RateLimit Until(DateTimeOffset end, DateTimeOffset now, string scope) =>
        new((int)Math.Clamp(Math.Ceiling((end - now).TotalSeconds), 1, int.MaxValue), scope);
}
