using Bugsink.Web.Features.Projects;

namespace Bugsink.Web.Features.Ingest;

// Unknown key, key of another project, or disabled project: 403, as Relay and Bugsink answer (PROTOCOL.md §2.5).
public sealed class ProjectKeyAuthenticator(ProjectKeyCache keys)
{
    public IngestOutcome? Check(string publicKey, long projectId)
    {
        var key = keys.Find(publicKey);
        if (key is null)
        {
            return IngestOutcome.Error(StatusCodes.Status403Forbidden, "unknown public key " + publicKey);
        }

        if (key.ProjectId != projectId)
        {
            return IngestOutcome.Error(StatusCodes.Status403Forbidden, $"public key {publicKey} does not belong to project {projectId}");
        }

        return key.IsEnabled ? null : IngestOutcome.Error(StatusCodes.Status403Forbidden, $"project {projectId} is disabled");
    }
}
