using System.Security.Claims;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.SentryApi;

// sentry-cli deploys new / list (PROTOCOL-RELEASES.md §2.4): one deploy row per project of the release.
public static class DeployEndpoints
{
    public static RouteGroupBuilder MapSentryDeploys(this RouteGroupBuilder api)
    {
        api.MapPost("organizations/{org}/releases/{version}/deploys/", CreateAsync);
        api.MapGet("organizations/{org}/releases/{version}/deploys/", ListAsync);
        return api;
    }

    private static async Task<IResult> CreateAsync(
        string version, HttpRequest request, ClaimsPrincipal user, SentryReleases releases, AppDbContext db,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (await SentryJson.ReadObjectAsync(request, cancellationToken) is not { } body)
        {
            return SentryJson.BadRequest("The body must be a JSON object.");
        }

        if (body.Text("environment") is not { Length: > 0 and <= 64 } environment || environment.Any(char.IsControl))
        {
            return SentryJson.FieldError("environment", "This field is required (at most 64 characters).");
        }

        var (unknownProject, only) = await releases.NamedProjectsAsync(user, body, cancellationToken);
        if (unknownProject)
        {
            return SentryJson.NotFound();
        }

        var rows = await releases.RowsAsync(user, version, only, cancellationToken);
        if (rows.Count == 0)
        {
            return SentryJson.NotFound();
        }

        Deploy? first = null;
        foreach (var (release, _) in rows)
        {
            var deploy = new Deploy
            {
                ReleaseId = release.Id,
                Environment = environment,
                Name = Limit(body.Text("name"), 200),
                Url = Limit(body.Text("url"), 2048),
                DateStarted = body.Date("dateStarted"),
                DateFinished = body.Date("dateFinished") ?? time.GetUtcNow(),
            };
            db.Add(deploy);
            first ??= deploy;
        }

        await db.SaveChangesAsync(cancellationToken);
        return SentryJson.Ok(SentryDeploy.From(first!), StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(
        string version, ClaimsPrincipal user, SentryReleases releases, AppDbContext db, CancellationToken cancellationToken)
    {
        var rows = await releases.RowsAsync(user, version, null, cancellationToken);
        if (rows.Count == 0)
        {
            return SentryJson.NotFound();
        }

        var ids = rows.Select(r => r.Release.Id).ToList();
        var deploys = await db.Set<Deploy>().AsNoTracking().Where(d => ids.Contains(d.ReleaseId)).OrderByDescending(d => d.DateFinished).ToListAsync(cancellationToken);
        // One deploy to several projects is one deploy to the person who ran it.
        return SentryJson.Ok(deploys.DistinctBy(d => (d.Environment, d.Name, d.DateFinished)).Select(SentryDeploy.From));
    }

    private static string? Limit(string? text, int length) => text is null ? null : text.Length <= length ? text : text[..length];
}
