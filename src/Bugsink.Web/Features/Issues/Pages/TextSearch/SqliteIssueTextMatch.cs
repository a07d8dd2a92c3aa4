using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Pages.TextSearch;

public sealed class SqliteIssueTextMatch : IIssueTextMatch
{
    // Like a tag, a word few issues contain is looked up first, in the trigram index (IssueText, FTS5):
    // matching it in list order read every issue when none matched, ~200 ms with 100,000 issues. A common
    // word is matched in list order, where a page fills within its first rows. Trigrams need three
    // characters; shorter words are always matched in list order. SQLite's LIKE ignores ASCII case only;
    // the FTS5 index folds the rest.
    public async Task<IQueryable<Issue>> ContainingAsync(AppDbContext db, IQueryable<Issue> issues, string word, CancellationToken ct)
    {
        // FTS5 reads its query as a C string: a NUL ends it mid-phrase ("unterminated string"). No
        // stored title can be matched through a NUL anyway; LIKE below still compares the whole word.
        if (word.EnumerateRunes().Count() >= 3 && !word.Contains('\0', StringComparison.Ordinal))
        {
            var phrase = "\"" + word.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            var carriers = db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM "IssueText" WHERE "IssueText" MATCH {phrase}""");
            if (await IssueListQuery.IsRareAsync(carriers, ct))
            {
                return issues.Where(i => carriers.Contains(i.Id));
            }
        }

        var pattern = LikePattern.Containing(word);
        return issues.Where(i => EF.Functions.Like(i.Title, pattern, LikePattern.Escape)
            || EF.Functions.Like(i.Type, pattern, LikePattern.Escape)
            || EF.Functions.Like(i.Value, pattern, LikePattern.Escape));
    }
}
