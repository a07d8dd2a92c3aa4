using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Ingest;

// Per-project and installation-wide event quotas over fixed UTC windows (minute, hour, calendar month),
// counted in memory with one lock-free counter per project per window: no query per request. An event
// is counted only when every window has room; a refused one counts nowhere, so an SDK that keeps
// sending while limited does not push its own limit further out.
public sealed class IngestQuota(ProjectQuotaCache settings, RejectedItemCounter rejected, TimeProvider time, IOptions<QuotaOptions> options)
{
    private const int Periods = 3;
    private readonly ConcurrentDictionary<long, WindowCounter[]> _projects = new();
    private WindowCounter[]? _installation;

    // Null when the event is accepted (and counted); otherwise the limits that refused it, one per scope.
    public IReadOnlyList<RateLimit>? TryAccept(long projectId)
    {
        var now = time.GetUtcNow();
        Span<long> ids = [Window.Id(0, now), Window.Id(1, now), Window.Id(2, now)];
        var project = settings.For(projectId);
        var installation = options.Value;
        ReadOnlySpan<long?> limits = [project.PerMinute, project.PerHour, project.PerMonth,
            installation.InstallationPerMinute, installation.InstallationPerHour, installation.InstallationPerMonth];
        // The static lambda with a state argument: no closure allocated per request.
        var projectCounters = _projects.GetOrAdd(projectId, static (id, state) => state.Quota.NewCounters(id, state.Now), (Quota: this, Now: now));
        var counters = new Counters(projectCounters, Installation(now));

        var taken = new TakenSlots();
        var refusedAt = -1;
        // Windows without a limit count too (the admin page shows what was accepted); they never refuse.
        for (var i = 0; i < limits.Length && refusedAt < 0; i++)
        {
            var slot = counters[i].Current(ids[i % Periods]);
            if (slot.TryTake(limits[i] is { } limit && limit > 0 ? limit : long.MaxValue))
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
            slot?.Give();
        }

        rejected.Add(projectId, RejectionReason.Quota);
        return Refusal(now, ids, limits, counters, refusedAt);
    }

    // Events counted in the current windows, for the admin page: minute, hour, month.
    public (long Minute, long Hour, long Month) Usage(long? projectId)
    {
        var now = time.GetUtcNow();
        var counters = projectId is { } id ? _projects.GetValueOrDefault(id) : Volatile.Read(ref _installation);
        return counters is null
            ? (0, 0, 0)
            : (counters[0].Current(Window.Id(0, now)).Count, counters[1].Current(Window.Id(1, now)).Count, counters[2].Current(Window.Id(2, now)).Count);
    }

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

    // Seeded from the hourly totals the digest keeps, so a restart does not hand out a fresh hour and
    // month (minutes start empty: at most one minute's worth is forgiven). One query per project and process.
    private WindowCounter[] NewCounters(long? projectId, DateTimeOffset now)
    {
        var (hour, month) = settings.ReadAcceptedSoFar(projectId, Window.Id(1, now), Window.MonthStartHour(now));
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

            public bool TryTake(long limit)
            {
                if (Interlocked.Increment(ref _count) <= limit)
                {
                    return true;
                }

                Interlocked.Decrement(ref _count);
                return false;
            }

            public void Give() => Interlocked.Decrement(ref _count);
        }
    }
}
