using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bugsink.Web.Features.SentryApi;

// Sentry's API speaks camelCase (the canonical API is snake_case, set globally), bare arrays for lists
// and {"detail": …} for errors, all as application/json.
public static class SentryJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static IResult Ok(object? value, int status = StatusCodes.Status200OK) => Results.Json(value, Options, statusCode: status);

    public static IResult Detail(int status, string detail) => Results.Json(new { detail }, Options, statusCode: status);

    public static IResult NotFound(string? detail = null) => Detail(StatusCodes.Status404NotFound, detail ?? "The requested resource does not exist");

    // Sentry's field errors: {"field": ["message"]}.
    public static IResult FieldError(string field, string message) =>
        Results.Json(new Dictionary<string, string[]> { [field] = [message] }, Options, statusCode: StatusCodes.Status400BadRequest);

    public static IResult BadRequest(string detail) => Detail(StatusCodes.Status400BadRequest, detail);

    // The request's JSON object, or null when the body is not one (the caller answers 400).
    public static async Task<JsonObject?> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? Text(this JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static DateTimeOffset? Date(this JsonObject body, string name) =>
        body.Text(name) is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;

    // A list of strings; null when absent, and non-strings are left out.
    public static List<string>? Texts(this JsonObject body, string name) =>
        body[name] is JsonArray array
            ? [.. array.Select(item => item is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>()]
            : null;
}
