namespace Bugsink.Web.Features.Digest;

// The culprit of a new issue as its opening event's frames read once resolved with what the project
// uploaded (JavaScript source maps, issue 22): "at t (app.min.js:1:53412)" is no name for an issue.
// The digest asks as it opens the issue, once per new issue of a platform that Applies to;
// the grouping key is not touched, so later events of the same bug still land in the same issue.
public interface INewIssueCulprits
{
    bool Applies(string platform);

    // Null keeps the culprit the digest found; never throws (a fault here must not stop the digest).
    string? Resolve(long projectId, byte[] payload);
}
