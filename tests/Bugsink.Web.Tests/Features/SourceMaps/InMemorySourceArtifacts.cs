using Bugsink.Web.Features.SourceMaps;

namespace Bugsink.Web.Tests.Features.SourceMaps;

// The seam's contract held in memory, for tests of the symbolication side until the artifact-bundle
// store (Features/SourceMaps/Bundles) is merged: it holds real files the test built, matched exactly
// as the interface says (by debug ID and kind; by release, dist and the first candidate URL that matches).
public sealed class InMemorySourceArtifacts : ISourceArtifacts
{
    private readonly List<(long Project, string Release, string Dist, SourceArtifact Artifact)> _files = [];
    private long _generation;

    public int Lookups { get; private set; }

    public void Add(long projectId, string release, string dist, SourceArtifact artifact)
    {
        lock (_files)
        {
            _files.Add((projectId, release, dist, artifact));
            _generation++;
        }
    }

    public ValueTask<long> GenerationAsync(long projectId, CancellationToken cancellationToken) => ValueTask.FromResult(Interlocked.Read(ref _generation));

    public ValueTask<SourceArtifact?> FindByDebugIdAsync(long projectId, Guid debugId, SourceArtifactKind kind, CancellationToken cancellationToken)
    {
        lock (_files)
        {
            Lookups++;
            return ValueTask.FromResult(_files.Where(f => f.Project == projectId && f.Artifact.DebugId == debugId && f.Artifact.Kind == kind)
                .Select(f => f.Artifact).FirstOrDefault());
        }
    }

    public ValueTask<SourceArtifact?> FindByUrlAsync(long projectId, string release, string dist, IReadOnlyList<string> urlCandidates, CancellationToken cancellationToken)
    {
        lock (_files)
        {
            Lookups++;
            foreach (var url in urlCandidates)
            {
                var found = _files.FirstOrDefault(f => f.Project == projectId && f.Release == release && f.Dist == dist && f.Artifact.Url == url);
                if (found.Artifact is not null)
                {
                    return ValueTask.FromResult<SourceArtifact?>(found.Artifact);
                }
            }

            return ValueTask.FromResult<SourceArtifact?>(null);
        }
    }
}
