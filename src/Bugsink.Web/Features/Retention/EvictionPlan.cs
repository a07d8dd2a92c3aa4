namespace Bugsink.Web.Features.Retention;

public sealed record ProjectStock(long ProjectId, long Stored, long MaxEvents, int? MaxAgeDays);

public sealed record IssueStock(long IssueId, long Stored, long Protected, DateTimeOffset LastSeen);

public sealed record IssueEviction(long IssueId, long Unprotected, long Protected);

// Decides how many events go, never which rows (EventDeleter takes each issue's oldest). Pure, so the
// policy can be tested without a database. "Least useful first" is water-filling: every issue (or
// project) keeps min(its count, L) for the highest level L that fits, so the older events of busy
// issues go first and the only events of rare issues stay. Protected events (those that opened,
// regressed or unmuted an issue) are spent only when nothing unprotected is left.
public static class EvictionPlan
{
    // Per project, the number of stored events to evict down to; equal to Stored when nothing must go.
    public static long[] ProjectTargets(IReadOnlyList<ProjectStock> projects, long maxTotalEvents, int headroomPercent)
    {
        var targets = new long[projects.Count];
        for (var i = 0; i < projects.Count; i++)
        {
            var p = projects[i];
            targets[i] = p.Stored > p.MaxEvents ? Math.Max(0, p.MaxEvents - (p.MaxEvents * headroomPercent / 100)) : p.Stored;
        }

        if (targets.Sum() > maxTotalEvents)
        {
            // Projects in the order given (by id); the odd remaining slots go to the oldest projects.
            var keep = WaterFill(targets, Math.Max(0, maxTotalEvents - (maxTotalEvents * headroomPercent / 100)));
            for (var i = 0; i < targets.Length; i++)
            {
                targets[i] = Math.Min(targets[i], keep[i]);
            }
        }

        return targets;
    }

    // Issues in priority order (most recently seen first: they win the odd remaining slots).
    public static List<IssueEviction> ForProject(IReadOnlyList<IssueStock> issues, long target)
    {
        var result = new List<IssueEviction>();
        var stored = issues.Sum(i => i.Stored);
        if (stored <= target)
        {
            return result;
        }

        var protectedTotal = issues.Sum(i => Math.Min(i.Protected, i.Stored));
        var unprotected = issues.Select(i => Math.Max(0, i.Stored - i.Protected)).ToArray();
        if (protectedTotal <= target)
        {
            var keep = WaterFill(unprotected, target - protectedTotal);
            for (var i = 0; i < issues.Count; i++)
            {
                if (unprotected[i] > keep[i])
                {
                    result.Add(new IssueEviction(issues[i].IssueId, unprotected[i] - keep[i], 0));
                }
            }

            return result;
        }

        // Nothing unprotected may stay, and even the protected events are too many.
        var protectedCounts = issues.Select(i => Math.Min(i.Protected, i.Stored)).ToArray();
        var keepProtected = WaterFill(protectedCounts, target);
        for (var i = 0; i < issues.Count; i++)
        {
            if (unprotected[i] > 0 || protectedCounts[i] > keepProtected[i])
            {
                result.Add(new IssueEviction(issues[i].IssueId, unprotected[i], protectedCounts[i] - keepProtected[i]));
            }
        }

        return result;
    }

    // keep[i] = min(counts[i], L) with the largest L whose total fits the budget; what is left of the
    // budget goes, one each, to the earliest listed of the counts that were cut.
    public static long[] WaterFill(IReadOnlyList<long> counts, long budget)
    {
        var keep = new long[counts.Count];
        var bySize = Enumerable.Range(0, counts.Count).OrderBy(i => counts[i]).ThenBy(i => i).ToArray();
        var remaining = Math.Max(0, budget);
        var start = 0;
        while (start < bySize.Length && counts[bySize[start]] * (bySize.Length - start) <= remaining)
        {
            keep[bySize[start]] = counts[bySize[start]];
            remaining -= counts[bySize[start]];
            start++;
        }

        var cut = bySize.Skip(start).Order().ToArray();
        if (cut.Length == 0)
        {
            return keep;
        }

        var level = remaining / cut.Length;
        var extra = remaining % cut.Length;
        foreach (var i in cut)
        {
            keep[i] = level + (extra-- > 0 ? 1 : 0);
        }

        return keep;
    }
}
