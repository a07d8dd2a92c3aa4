using Microsoft.EntityFrameworkCore;

namespace Bugsink.Web.Features.Issues.Workflow;

// Comments live in the issue's history between the state changes. Only their author (a user, not the
// system) may edit or delete them.
public sealed partial class IssueActions
{
    public const int MaxCommentLength = 10_000;

    public async Task<IssueHistoryEntry> AddCommentAsync(long issueId, string text, Actor actor, CancellationToken ct)
    {
        var comment = ValidComment(text);
        if (!await db.Issues.AnyAsync(i => i.Id == issueId && !i.IsDeleted, ct))
        {
            throw new IssueNotFoundException(issueId);
        }

        var entry = NewEntry(issueId, IssueHistoryKind.Comment, actor, time.GetUtcNow());
        entry.Comment = comment;
        db.IssueHistory.Add(entry);
        await db.SaveChangesAsync(ct);
        return entry;
    }

    public async Task<bool> EditCommentAsync(long entryId, string text, Actor actor, CancellationToken ct)
    {
        var comment = ValidComment(text);
        if (await FindOwnCommentAsync(entryId, actor, ct) is not { } entry)
        {
            return false;
        }

        entry.Comment = comment;
        entry.EditedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<bool> DeleteCommentAsync(long entryId, Actor actor, CancellationToken ct)
    {
        if (await FindOwnCommentAsync(entryId, actor, ct) is not { } entry)
        {
            return false;
        }

        db.IssueHistory.Remove(entry);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<IssueHistoryEntry?> FindOwnCommentAsync(long entryId, Actor actor, CancellationToken ct)
    {
        if (actor.UserId is not { } userId)
        {
            return null;
        }

        return await db.IssueHistory.SingleOrDefaultAsync(
            h => h.Id == entryId && h.Kind == IssueHistoryKind.Comment && h.UserId == userId
                 && db.Issues.Any(i => i.Id == h.IssueId && !i.IsDeleted),
            ct);
    }

    private static string ValidComment(string text)
    {
        var comment = text?.Trim();
        if (string.IsNullOrEmpty(comment))
        {
            throw new ArgumentException("A comment cannot be empty.", nameof(text));
        }

        return comment.Length <= MaxCommentLength
            ? comment
            : throw new ArgumentException($"A comment can be at most {MaxCommentLength} characters.", nameof(text));
    }
}
