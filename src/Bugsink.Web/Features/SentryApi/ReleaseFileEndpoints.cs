using System.Globalization;
using System.Security.Claims;
using Bugsink.Web.Features.SourceMaps.Bundles;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.SentryApi;

// The legacy per-file upload of sentry-cli 1.x/2.x and older bundler plugins (PROTOCOL-RELEASES.md §2.6).
// Each file becomes a bundle of one, keyed by release, dist and name, so lookups need no second path
// and a file uploaded again under the same name replaces the first.
public static class ReleaseFileEndpoints
{
    private const string Prefix = "projects/{org}/{project}/releases/{version}/files/";

    public static RouteGroupBuilder MapSentryReleaseFiles(this RouteGroupBuilder api)
    {
        api.MapGet(Prefix, ListAsync);
        api.MapPost(Prefix, UploadAsync);
        api.MapDelete(Prefix + "{id:long}/", DeleteAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(
        string project, string version, ClaimsPrincipal user, SentryProjects projects, SentryReleases releases, AppDbContext db, CancellationToken cancellationToken)
    {
        if (await FindReleaseAsync(user, project, version, projects, releases, cancellationToken) is not { } projectId)
        {
            return SentryJson.NotFound();
        }

        var files = await db.Set<ArtifactBundle>().AsNoTracking()
            .Where(b => b.ProjectId == projectId && b.Release == version && b.BundleKey.StartsWith("file:"))
            .OrderBy(b => b.Id)
            .Select(b => new { Bundle = b, File = b.Files.Select(f => new { f.Url, f.SourceMapHeader, f.DebugId, f.Size }).First() })
            .Take(1000)
            .ToListAsync(cancellationToken);
        return SentryJson.Ok(files.Select(f => Shape(f.Bundle, f.File.Url, f.File.SourceMapHeader, f.File.DebugId, f.File.Size)));
    }

    private static async Task<IResult> UploadAsync(
        string project, string version, HttpRequest request, ClaimsPrincipal user, SentryProjects projects, SentryReleases releases,
        BundleStore store, IOptions<SourceMapOptions> options, AppDbContext db, CancellationToken cancellationToken)
    {
        if (await FindReleaseAsync(user, project, version, projects, releases, cancellationToken) is not { } projectId)
        {
            return SentryJson.NotFound();
        }

        if (!request.HasFormContentType)
        {
            return SentryJson.BadRequest("Send the file as multipart/form-data.");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("file") is not { } file)
        {
            return SentryJson.BadRequest("Missing uploaded file");
        }

        if (file.Length > options.Value.MaxBundleBytes)
        {
            return SentryJson.BadRequest($"The file is over the limit of {options.Value.MaxBundleBytes} bytes (Bugsink:SourceMaps:MaxBundleBytes).");
        }

        var name = form["name"].ToString() is { Length: > 0 } given ? given : file.FileName;
        var dist = form["dist"].ToString().Trim();
        if (name.Length > 2048 || dist.Length > 64)
        {
            return SentryJson.BadRequest("name or dist is too long.");
        }

        Guid? debugId = null;
        string? sourceMap = null;
        foreach (var header in form["header"].OfType<string>())
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return SentryJson.BadRequest("header: expected Key:Value");
            }

            var headerName = header[..colon].Trim().ToLowerInvariant();
            var value = header[(colon + 1)..].Trim();
            if (headerName is "debug-id" or "debug_id" && Guid.TryParse(value, out var parsed))
            {
                debugId = parsed;
            }
            else if (headerName is "sourcemap" or "x-sourcemap")
            {
                sourceMap = value;
            }
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        var sha1 = Sha1.Hex(content);
        var key = "file:" + Sha1.Hex(System.Text.Encoding.UTF8.GetBytes($"{version}\n{dist}\n{name}"));
        var stored = new BundleFile(name, BundleReader.KindOf(null, name), debugId, sourceMap, content);
        if (await store.StoreAsync(projectId, key, sha1, content.Length, version, dist, [stored], cancellationToken) is { } refused)
        {
            return SentryJson.BadRequest(refused);
        }

        var bundle = await db.Set<ArtifactBundle>().AsNoTracking().FirstAsync(b => b.ProjectId == projectId && b.BundleKey == key, cancellationToken);
        return SentryJson.Ok(Shape(bundle, name, sourceMap, debugId, content.Length), StatusCodes.Status201Created);
    }

    private static async Task<IResult> DeleteAsync(
        string project, string version, long id, ClaimsPrincipal user, SentryProjects projects, SentryReleases releases, BundleStore store,
        CancellationToken cancellationToken)
    {
        if (await FindReleaseAsync(user, project, version, projects, releases, cancellationToken) is not { } projectId)
        {
            return SentryJson.NotFound();
        }

        return await store.RemoveAsync(projectId, [id], cancellationToken) == 1 ? Results.NoContent() : SentryJson.NotFound();
    }

    // Sentry answers 404 when the release does not exist in the project.
    private static async Task<long?> FindReleaseAsync(
        ClaimsPrincipal user, string project, string version, SentryProjects projects, SentryReleases releases, CancellationToken cancellationToken)
    {
        if (await projects.FindAsync(user, project, cancellationToken) is not { } found)
        {
            return null;
        }

        return (await releases.RowsAsync(user, version, [found.Id], cancellationToken)).Count == 0 ? null : found.Id;
    }

    private static object Shape(ArtifactBundle bundle, string name, string? sourceMap, Guid? debugId, long size)
    {
        Dictionary<string, string> headers = [];
        if (sourceMap is not null)
        {
            headers["Sourcemap"] = sourceMap;
        }

        if (debugId is not null)
        {
            headers["debug-id"] = debugId.Value.ToString();
        }

        return new
        {
            id = bundle.Id.ToString(CultureInfo.InvariantCulture),
            name,
            dist = bundle.Dist == "" ? null : bundle.Dist,
            headers,
            size,
            sha1 = bundle.Checksum,
            dateCreated = bundle.CreatedAt,
        };
    }
}
