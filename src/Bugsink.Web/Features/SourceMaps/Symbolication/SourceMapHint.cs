using Bugsink.Web.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.SourceMaps.Symbolication;

// The sentry-cli commands the issue page shows when a frame had no map: the server's root URL (the
// CLI refuses one with a path), the installation's organization slug and the project's slug.
public sealed class SourceMapHint(IOptions<SiteOptions> site, IConfiguration configuration)
{
    public string For(string projectSlug, string? release)
    {
        var root = Uri.TryCreate(site.Value.BaseUrl, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) + "/" : site.Value.BaseUrl;
        var organization = configuration["Bugsink:SentryApi:Organization"] is { Length: > 0 } org ? org : "bugsink";
        var releaseArgument = string.IsNullOrEmpty(release) ? "" : " --release " + Quote(release);
        return "export SENTRY_URL=" + root + " SENTRY_ORG=" + Quote(organization) + " SENTRY_PROJECT=" + Quote(projectSlug)
            + " SENTRY_AUTH_TOKEN=<an API token of this project>\n"
            + "npx @sentry/cli sourcemaps inject ./dist\n"
            + "npx @sentry/cli sourcemaps upload" + releaseArgument + " ./dist";
    }

    // Single quotes for the shell; the page encodes the text itself.
    private static string Quote(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@' or '+') ? value : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
