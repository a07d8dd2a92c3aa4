namespace Bugsink.Web.Features.SentryApi;

// Bound from Bugsink:SentryApi. Sentry has organizations; an installation here is one, and this is its
// slug in /api/0/organizations/{org}/… (SENTRY_ORG for sentry-cli).
public sealed class SentryApiOptions
{
    public const string Section = "Bugsink:SentryApi";

    public string Organization { get; set; } = "bugsink";
}
