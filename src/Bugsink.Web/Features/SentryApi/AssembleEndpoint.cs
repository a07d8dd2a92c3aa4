using System.Security.Claims;
using Bugsink.Web.Features.Releases;
using Bugsink.Web.Features.SourceMaps.Bundles;

namespace Bugsink.Web.Features.SentryApi;

// POST /api/0/organizations/{org}/artifactbundle/assemble/ (PROTOCOL-RELEASES.md §2.5.2, §2.5.4):
// "not_found" with the missing chunks, then, once all are here, assembled at once: "ok" or "error".
public static class AssembleEndpoint
{
    public static RouteGroupBuilder MapSentryAssemble(this RouteGroupBuilder api)
    {
        api.MapPost("organizations/{org}/artifactbundle/assemble/", AssembleAsync);
        return api;
    }

    private static async Task<IResult> AssembleAsync(
        HttpRequest request, ClaimsPrincipal user, SentryProjects projects, BundleAssembler assembler, CancellationToken cancellationToken)
    {
        if (await SentryJson.ReadObjectAsync(request, cancellationToken) is not { } body)
        {
            return SentryJson.BadRequest("The body must be a JSON object.");
        }

        var checksum = body.Text("checksum")?.ToLowerInvariant();
        var chunks = body.Texts("chunks")?.Select(c => c.ToLowerInvariant()).ToList();
        var slugs = body.Texts("projects");
        if (!ChunkStore.IsSha1(checksum) || chunks is null || !chunks.All(ChunkStore.IsSha1) || slugs is not { Count: > 0 })
        {
            return SentryJson.BadRequest("checksum (SHA-1), chunks (SHA-1s) and projects are required.");
        }

        var version = body.Text("version");
        var dist = body.Text("dist");
        if (dist is not null && version is null)
        {
            return SentryJson.BadRequest("You need to specify a release together with a dist");
        }

        if (version is not null && ReleaseName.Sanitize(version) is null || dist is { Length: > 64 })
        {
            return SentryJson.BadRequest("version must be a release name and dist at most 64 characters.");
        }

        if (await projects.FindAllAsync(user, slugs, cancellationToken) is not { } found)
        {
            return SentryJson.NotFound();
        }

        if (chunks.Count == 0)
        {
            return SentryJson.Ok(new { state = "error", missingChunks = Array.Empty<string>(), detail = "the bundle has no chunks" });
        }

        var outcome = await assembler.AssembleAsync([.. found.Select(p => p.Id)], checksum!, chunks, version, dist, cancellationToken);
        return SentryJson.Ok(new { state = outcome.State, missingChunks = outcome.MissingChunks, detail = outcome.Detail });
    }
}
