using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Bugsink.Web.Tests.Features.Hardening;

public sealed record CrawlRoute(string Method, string Pattern, IReadOnlyList<string> Urls);

// Every route the running app has (Razor pages and minimal API endpoints, from its own endpoint data
// source, so a new page is crawled without being listed), made concrete with real ids of the data the
// test created, and every query parameter name the app binds anywhere.
public static class RouteCatalogue
{
    public static IReadOnlyList<CrawlRoute> Routes(IServiceProvider services, IReadOnlyList<string> ids)
    {
        var routes = new List<CrawlRoute>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m is "GET" or "POST"))
            {
                var raw = endpoint.RoutePattern.RawText ?? "";
                routes.Add(new CrawlRoute(method, raw, Concrete(endpoint.RoutePattern, ids, raw.EndsWith('/'))));
            }
        }

        return [.. routes.DistinctBy(r => (r.Method, r.Pattern)).OrderBy(r => r.Pattern, StringComparer.Ordinal)];
    }

    // Names bound from the query string by page models (BindProperty SupportsGet, FromQuery, OnGet
    // parameters) and by API handlers (their simple parameters and [AsParameters] properties).
    public static IReadOnlyList<string> QueryNames(IServiceProvider services)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal) { "q", "after", "before", "cursor", "page", "sort", "status", "returnUrl", "ReturnUrl", "next" };
        foreach (var type in typeof(BugsinkApp).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel))))
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetCustomAttribute<BindPropertyAttribute>() is { SupportsGet: true } || property.GetCustomAttribute<FromQueryAttribute>() is not null)
                {
                    names.Add(property.GetCustomAttribute<FromQueryAttribute>()?.Name ?? property.Name);
                }
            }

            foreach (var handler in type.GetMethods().Where(m => m.Name.StartsWith("OnGet", StringComparison.Ordinal)))
            {
                AddParameters(handler, names);
            }
        }

        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints)
        {
            if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } method)
            {
                AddParameters(method, names);
            }
        }

        return [.. names];
    }

    private static void AddParameters(MethodInfo method, SortedSet<string> names)
    {
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                foreach (var property in parameter.ParameterType.GetProperties())
                {
                    names.Add(property.GetCustomAttribute<FromQueryAttribute>()?.Name ?? property.Name);
                }
            }
            else if (IsSimple(parameter.ParameterType))
            {
                names.Add(parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.Name!);
            }
        }
    }

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Guid);
    }

    // Each parameter takes each of the ids in turn (a project's id where an issue's is wanted is a 404,
    // which is fine); a catch-all takes a short path.
    private static List<string> Concrete(RoutePattern pattern, IReadOnlyList<string> ids, bool trailingSlash)
    {
        var urls = new List<string> { "" };
        foreach (var segment in pattern.PathSegments)
        {
            var next = new List<string>();
            foreach (var prefix in urls)
            {
                var choices = segment.Parts.Any(p => p is RoutePatternParameterPart) ? ids : [""];
                foreach (var id in choices)
                {
                    var text = string.Concat(segment.Parts.Select(part => part switch
                    {
                        RoutePatternLiteralPart literal => literal.Content,
                        RoutePatternParameterPart { IsCatchAll: true } => "a/b",
                        RoutePatternParameterPart => id,
                        RoutePatternSeparatorPart separator => separator.Content,
                        _ => "",
                    }));
                    next.Add(prefix + "/" + text);
                }
            }

            urls = next.Count > 64 ? next[..64] : next;
        }

        return [.. urls.Select(u => u.Length == 0 ? "/" : trailingSlash && !u.EndsWith('/') ? u + "/" : u).Distinct()];
    }
}
