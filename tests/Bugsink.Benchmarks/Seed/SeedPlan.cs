namespace Bugsink.Benchmarks.Seed;

// What to put in the database: how many issues and events, spread over a few projects, with one hot
// issue holding a fifth of all events (the detail page's worst case: its events tab, navigation, tags
// and chart read from the largest issue) and the rest spread evenly. Everything happens within the
// last 30 days so the sparklines and the chart have data.
public sealed record SeedPlan(long Events, int Issues, int Projects = 2, int ReleasesPerProject = 200)
{
    public const double HotShare = 0.2;

    public static readonly TimeSpan Span = TimeSpan.FromDays(30);

    public long HotEvents => Math.Max(1, (long)(Events * HotShare));

    // Issue 0 of project 0 is the hot one; the others share what is left, the first ones one more.
    public long EventsOf(int issue)
    {
        if (issue == 0)
        {
            return HotEvents;
        }

        var rest = Events - HotEvents;
        var others = Issues - 1;
        return others == 0 ? 0 : rest / others + (issue - 1 < rest % others ? 1 : 0);
    }

    public int ProjectOf(int issue) => issue % Projects;
}
