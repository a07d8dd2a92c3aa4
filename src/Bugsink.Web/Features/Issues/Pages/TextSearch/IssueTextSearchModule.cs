using Bugsink.Web.Infrastructure.Database.Engines;

namespace Bugsink.Web.Features.Issues.Pages.TextSearch;

public static class IssueTextSearchModule
{
    public static IServiceCollection AddIssueTextSearch(this IServiceCollection services) =>
        services.AddPerEngine<IIssueTextMatch, SqliteIssueTextMatch, PostgresIssueTextMatch>();
}
