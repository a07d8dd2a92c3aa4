namespace Bugsink.Web.Infrastructure.Web;

// The TOKEN of `Authorization: Bearer TOKEN`, or null when the request carries no bearer token.
public static class BearerToken
{
    private const string Scheme = "Bearer ";

    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
    }
}
