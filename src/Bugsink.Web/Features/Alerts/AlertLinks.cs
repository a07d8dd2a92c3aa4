using System.Globalization;

namespace Bugsink.Web.Features.Alerts;

// Absolute links for emails, from BUGSINK_BASE_URL (which may carry a path, e.g. https://host/errors).
public sealed class AlertLinks(string baseUrl)
{
    private readonly string _base = baseUrl.TrimEnd('/');

    public string Issue(long issueId) => string.Create(CultureInfo.InvariantCulture, $"{_base}/issues/{issueId}/");

    public string ProjectSettings(long projectId) => string.Create(CultureInfo.InvariantCulture, $"{_base}/projects/{projectId}/settings/");

    public string MessageIdDomain => Uri.TryCreate(_base, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host : "bugsink.local";
}
