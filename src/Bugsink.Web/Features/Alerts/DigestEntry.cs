namespace Bugsink.Web.Features.Alerts;

// One line of a digest email: MYAPP-42, its title, counts, and the link.
public sealed record DigestEntry(string Label, string Title, string Summary, string Url);
