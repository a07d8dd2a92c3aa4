namespace Bugsink.Web.Features.Api;

// Every API error body: {"detail": "..."}.
public sealed record ApiError(string Detail);
