using Bugsink.Web.Infrastructure.Database.Statements;

namespace Bugsink.Web.Features.Issues.Workflow;

// Reads one issue's workflow fields (WorkflowStatements.LoadState); null when the issue is gone or deleted.
internal static class IssueStateReader
{
    public static IssueWorkflowState? Read(IStatement loadState, long issueId)
    {
        using var reader = loadState.Query(issueId);
        if (!reader.Read() || reader.GetBoolean(9))
        {
            return null;
        }

        return new IssueWorkflowState
        {
            IssueId = issueId,
            ProjectId = reader.GetInt64(0),
            IsResolved = reader.GetBoolean(1),
            IsResolvedByNextRelease = reader.GetBoolean(2),
            FixedInRelease = reader.IsDBNull(3) ? null : reader.GetString(3),
            ResolvedAt = reader.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            IsMuted = reader.GetBoolean(5),
            MutedUntil = reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
            UnmuteOnVolumeCount = reader.IsDBNull(7) ? null : reader.GetInt32(7),
            UnmuteOnVolumeWindowSeconds = reader.IsDBNull(8) ? null : reader.GetInt32(8),
        };
    }
}
