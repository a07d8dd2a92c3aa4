namespace Bugsink.Web.Features.Api;

// A page of a list: {"results": [...], "next": URL-or-null}. Follow "next" until it is null.
public sealed record ApiList<T>(IReadOnlyList<T> Results, string? Next);
