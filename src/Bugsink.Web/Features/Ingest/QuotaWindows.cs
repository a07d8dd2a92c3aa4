using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Bugsink.Web.Features.Ingest;

// Counters of one quota category (events, or attachment bytes) over fixed UTC windows (minute, hour,
// calendar month), per project and for the installation, lock-free: no query per request. An amount is
// taken only when every window has room for all of it; a refused one counts nowhere, so an SDK that keeps
// sending while limited does not push its own limit further out.
public sealed class QuotaWindows(Func<long?, DateTimeOffset, (long Hour, long Month)> seed)
{
    public const int Periods = 3;

    private readonly ConcurrentDictionary<long, WindowCounter[]> _projects = new();
    private WindowCounter[]? _installation;

    // Null when the amount was taken; otherwise the limits that refused it, one per scope. limits holds the
    // project's minute, hour and month, then the installation's; null or 0 or less is no limit.
    public IReadOnlyList<RateLimit>? TryTake(long projectId, long amount, ReadOnlySpan<long?> limits, DateTimeOffset now)
    {
        Span<long> ids = [Window.Id(0, now), Window.Id(1, now), Window.Id(2, now)];
        // The static lambda with a state argument: no closure allocated per request.
        var projectCounters = _projects.GetOrAdd(projectId, static (id, state) => state.Quota.NewCounters(id, state.Now), (Quota: this, Now: now));
        var counters = new Counters(projectCounters, Installation(now));

        var taken = new TakenSlots();
        var refusedAt = -1;
        // Windows without a limit count too (the admin page shows what was accepted); they never refuse.
        for (var i = 0; i < limits.Length && refusedAt < 0; i++)
        {
            var slot = counters[i].Current(ids[i % Periods]);
            if (slot.TryTake(amount, limits[i] is { } limit && limit > 0 ? limit : long.MaxValue))
            {
                taken[i] = slot;
            }
            else
            {
                refusedAt = i;
            }
        }

        if (refusedAt < 0)
        {
            return null;
        }

        foreach (var slot in taken)
        {
            slot?.Give(amount);
        }

        return Refusal(now, ids, limits, counters, refusedAt);
    }

    // What was counted in the current windows, for the admin page: minute, hour, month.
    public (long Minute, long Hour, long Month) Usage(long? projectId, DateTimeOffset now)
    {
        var counters = projectId is { } id ? _projects.GetValueOrDefault(id) : Volatile.Read(ref _installation);
        return counters is null
            ? (0, 0, 0)
            : (counters[0].Current(Window.Id(0, now)).Count, counters[1].Current(Window.Id(1, now)).Count, counters[2].Current(Window.Id(2, now)).Count);
    }

    public static long MonthStartHour(DateTimeOffset now) => Window.MonthStartHour(now);

    public static long HourId(DateTimeOffset now) => Window.Id(1, now);

    // Every full window counts, not only the first found: the SDK must wait for the one that ends last.
    // The window that refused is always named, even if a racing refund has just made room in it.
    private static List<RateLimit> Refusal(DateTimeOffset now, ReadOnlySpan<long> ids, ReadOnlySpan<long?> limits, Counters counters, int refusedAt)
    {
        var result = new List<RateLimit>(2);
        for (var scope = 0; scope < 2; scope++)
        {
            var name = scope == 0 ? RateLimit.ProjectScope : RateLimit.OrganizationScope;
            var longest = 0;
            for (var period = 0; period < Periods; period++)
            {
                var i = (scope * Periods) + period;
                if (i == refusedAt || (limits[i] is { } limit && limit > 0 && counters[i].Current(ids[period]).IsFull(limit)))
                {
                    longest = Math.Max(longest, RateLimit.Until(Window.End(period, now), now, name).RetryAfterSeconds);
                }
            }

            if (longest > 0)
            {
                result.Add(new RateLimit(longest, name));
            }
        }

        return result;
    }

    private WindowCounter[] Installation(DateTimeOffset now)
    {
        if (Volatile.Read(ref _installation) is { } existing)
        {
            return existing;
        }

        Interlocked.CompareExchange(ref _installation, NewCounters(null, now), null);
        return _installation;
    }

    // Minutes start empty after a restart (at most one minute's worth is forgiven); hours and months
    // start from what the seed says was accepted so far.
    private WindowCounter[] NewCounters(long? projectId, DateTimeOffset now)
    {
        var (hour, month) = seed(projectId, now);
        return [new WindowCounter(Window.Id(0, now), 0), new WindowCounter(Window.Id(1, now), hour), new WindowCounter(Window.Id(2, now), month)];
    }

    private readonly struct Counters(WindowCounter[] project, WindowCounter[] installation)
    {
        public WindowCounter this[int i] => i < Periods ? project[i] : installation[i - Periods];
    }

    [InlineArray(6)]
    private struct TakenSlots
    {
        private WindowCounter.Slot? _first;
    }

    // Window ids: minutes and hours since the Unix epoch (hours match ProjectHourlyCounts.Hour), months since year 0.
    private static class Window
    {
        public static long Id(int period, DateTimeOffset now) => period switch
        {
            0 => now.ToUnixTimeSeconds() / 60,
            1 => now.ToUnixTimeSeconds() / 3600,
            _ => (now.UtcDateTime.Year * 12L) + now.UtcDateTime.Month - 1,
        };

        public static DateTimeOffset End(int period, DateTimeOffset now) => period switch
        {
            0 => DateTimeOffset.FromUnixTimeSeconds((Id(0, now) + 1) * 60),
            1 => DateTimeOffset.FromUnixTimeSeconds((Id(1, now) + 1) * 3600),
            _ => MonthStart(now).AddMonths(1),
        };

        public static long MonthStartHour(DateTimeOffset now) => MonthStart(now).ToUnixTimeSeconds() / 3600;

        private static DateTimeOffset MonthStart(DateTimeOffset now) => new(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    // One window's count. A new window replaces the slot (compare-and-swap, never backwards); an
    // increment racing with that swap may land in the old slot and be forgotten, which errs towards
    // accepting, never towards refusing.
    private sealed class WindowCounter(long windowId, long seed)
    {
        private Slot _slot = new(windowId, seed);

        public Slot Current(long windowId)
        {
            var slot = Volatile.Read(ref _slot);
            while (slot.WindowId < windowId)
            {
                var fresh = new Slot(windowId, 0);
                var seen = Interlocked.CompareExchange(ref _slot, fresh, slot);
                slot = ReferenceEquals(seen, slot) ? fresh : seen;
            }

            return slot;
        }

        public sealed class Slot(long windowId, long count)
        {
            private long _count = count;

            public long WindowId { get; } = windowId;

            public long Count => Volatile.Read(ref _count);

            public bool IsFull(long limit) => Count >= limit;

            public bool TryTake(long amount, long limit)
            {
                if (Interlocked.Add(ref _count, amount) <= limit)
                {
                    return true;
                }

                Interlocked.Add(ref _count, -amount);
                return false;
            }

            public void Give(long amount) => Interlocked.Add(ref _count, -amount);
        }
    }
}
