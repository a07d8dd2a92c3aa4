using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Pages.TextSearch;

// ILIKE folds case by the database's locale, and the pg_trgm GIN indexes on Title, Type and Value (migration
// TrigramSearch) serve it for words of three characters or more; PostgreSQL's planner, unlike SQLite's,
// has the statistics to choose between index and list order itself.
public sealed class PostgresIssueTextMatch : IIssueTextMatch
{
    public Task<IQueryable<Issue>> ContainingAsync(AppDbContext db, IQueryable<Issue> issues, string word, CancellationToken ct)
    {
        // PostgreSQL text cannot hold a NUL, so no issue contains one.
        if (word.Contains('\0', StringComparison.Ordinal))
        {
            return Task.FromResult(issues.Where(i => false));
        }

        var pattern = LikePattern.Containing(word);
        return Task.FromResult(issues.Where(i => EF.Functions.ILike(i.Title, pattern, LikePattern.Escape)
            || EF.Functions.ILike(i.Type, pattern, LikePattern.Escape)
            || EF.Functions.ILike(i.Value, pattern, LikePattern.Escape)));
    }
}
