using Bugsink.Web.Infrastructure.Database;

namespace Bugsink.Web.Features.Issues.Pages.TextSearch;

// Narrows issues to those whose title, type or value contains a word, ignoring case: the one part of the
// list's search that each engine does its own way (registered per engine in IssueTextSearchModule).
public interface IIssueTextMatch
{
    Task<IQueryable<Issue>> ContainingAsync(AppDbContext db, IQueryable<Issue> issues, string word, CancellationToken ct);
}
