using Microsoft.AspNetCore.Http.HttpResults;

namespace Bugsink.Web.Features.Api;

// The same 404 for "does not exist" and "belongs to a project you cannot see": ids reveal nothing.
public static class ApiResults
{
    public static NotFound<ApiError> NotFound(string what) => TypedResults.NotFound(new ApiError($"No such {what}."));

    public static BadRequest<ApiError> BadRequest(string detail) => TypedResults.BadRequest(new ApiError(detail));
}
