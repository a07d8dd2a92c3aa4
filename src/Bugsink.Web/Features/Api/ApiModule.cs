using Bugsink.Web.Infrastructure.Database.Engines;
using System.Text.Json;
using Bugsink.Web.Features.AlertChannels;
using Bugsink.Web.Features.Issues.Merge;
using Microsoft.AspNetCore.Authentication;

namespace Bugsink.Web.Features.Api;

// The JSON API at /api/canonical/0/: bearer tokens only, snake_case fields, keyset-paginated lists,
// and an OpenAPI document generated from these endpoints at /api/canonical/0/openapi.json.
public static class ApiModule
{
    public const string Prefix = "/api/canonical/0";

    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(ApiTokenAuthentication.SchemeName, policy => policy
            .AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName)
            .RequireAuthenticatedUser());

        // Applies to every minimal-API JSON body; the API is the only place that has them (ingest and
        // health write their own), and SDK-style consumers expect snake_case.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith(Prefix[1..], StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<ApiDocumentTransformer>();
        });
        services.AddSingleton<ReleaseCreation>();
        services.AddPerEngine<IAttachmentBytes, SqliteAttachmentBytes, PostgresAttachmentBytes>();
        return services;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization(ApiTokenAuthentication.SchemeName).DisableAntiforgery();
        api.MapProjectEndpoints();
        api.MapIssueEndpoints();
        api.MapIssueActionEndpoints();
        api.MapIssueMergeEndpoints();
        api.MapIssueTagEndpoints();
        api.MapEventEndpoints();
        api.MapAttachmentEndpoints();
        api.MapReleaseEndpoints();
        api.MapAlertChannelEndpoints();
        app.MapOpenApi(Prefix + "/openapi.json");
        return app;
    }
}
