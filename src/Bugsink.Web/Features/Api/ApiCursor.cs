using System.Globalization;
using Bugsink.Web.Infrastructure.Database;
using Bugsink.Web.Infrastructure.Web;

namespace Bugsink.Web.Features.Api;

// Keyset pagination: the cursor is the sort key and id of the last row of the page before ("1732610000000.42"),
// so a page stays correct while new issues and events arrive, and costs one index seek however deep.
public readonly record struct ApiCursor(long Key, long Id)
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 250;

    public static bool TryParse(string? text, out ApiCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        // The key is a time in Unix milliseconds for every list that pages; one beyond year 9999 is refused.
        if (dot > 0
            && long.TryParse(text.AsSpan(0, dot), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key)
            && UnixTime.IsRepresentable(key)
            && long.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            cursor = new ApiCursor(key, id);
            return true;
        }

        return false;
    }

    public static int Limit(int? requested) => Math.Clamp(requested ?? DefaultLimit, 1, MaxLimit);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Key}.{Id}");

    // The page as {"results", "next"}: `rows` holds up to limit + 1 rows; the extra one only says there is more.
    public static ApiList<TOut> Page<TRow, TOut>(HttpRequest request, List<TRow> rows, int limit, Func<TRow, ApiCursor> cursorOf, Func<TRow, TOut> map)
    {
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveRange(limit, rows.Count - limit);
            next = NextUrl(request, cursorOf(rows[^1]));
        }

        return new ApiList<TOut>([.. rows.Select(map)], next);
    }

    private static string NextUrl(HttpRequest request, ApiCursor cursor)
    {
        var query = request.Query.Where(q => q.Key != "cursor").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))).ToList();
        query.Add(new("cursor", cursor.ToString()));
        return PublicUrl.For(request, request.Path, QueryString.Create(query));
    }
}
