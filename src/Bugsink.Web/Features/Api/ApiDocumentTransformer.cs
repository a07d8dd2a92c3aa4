using Bugsink.Web.Infrastructure.Configuration;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Bugsink.Web.Features.Api;

// Titles the document, declares the bearer token (so generated clients send it), writes paths as called
// and names the server by BUGSINK_BASE_URL (the generator's default is the request's Host header).
public sealed class ApiDocumentTransformer(IOptions<SiteOptions> site) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Bugsink API",
            Version = "0",
            Description = "Projects, issues (with their tags), events (with their attachments) and releases. Send Authorization: Bearer TOKEN (create tokens on /settings/tokens/ or with `bugsink create-token`).",
        };
        // Routing drops the trailing slash from templates; the documented URLs keep it, as clients send it.
        var paths = document.Paths.ToList();
        document.Paths.Clear();
        foreach (var (path, item) in paths)
        {
            document.Paths[path.EndsWith('/') ? path : path + "/"] = item;
        }

        document.Servers = [new OpenApiServer { Url = site.Value.BaseUrl.TrimEnd('/') }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
