using System.Text;

namespace Bugsink.Web.Features.Issues.Pages;

// The search box of the issue lists: `key:value` and `key:"quoted value"` filter on tags (release:,
// environment:, level: and is:resolved / is:muted are understood specially); every other word is free
// text matched against title, type and value.
public sealed record IssueSearch(
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    string? Release,
    string? Environment,
    string? Level,
    IReadOnlyList<string> States,
    string FreeText)
{
    // assigned:me, assigned:none, assigned:EMAIL (is:assigned and is:unassigned are among States).
    public IReadOnlyList<string> Assigned { get; init; } = [];

    public const int MaxTerms = 10;

    public static readonly IssueSearch Empty = new([], null, null, null, [], "");

    public static IssueSearch Parse(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return Empty;
        }

        var tags = new List<KeyValuePair<string, string>>();
        var states = new List<string>();
        var words = new List<string>();
        var assigned = new List<string>();
        string? release = null, environment = null, level = null;
        foreach (var (key, value) in Terms(query).Take(MaxTerms * 3))
        {
            if (key is null)
            {
                words.Add(value);
                continue;
            }

            switch (key.ToLowerInvariant())
            {
                case "release": release = value; break;
                case "environment": environment = value; break;
                case "level": level = value.ToLowerInvariant(); break;
                case "is": states.Add(value.ToLowerInvariant()); break;
                case "assigned": assigned.Add(value); break;
                default:
                    if (tags.Count < MaxTerms)
                    {
                        tags.Add(new(key, value));
                    }

                    break;
            }
        }

        return new IssueSearch(tags, release, environment, level, states, string.Join(' ', words)) { Assigned = assigned };
    }

    // Splits `a:b c:"d e" free words` into (key, value) terms; key null for free text.
    private static IEnumerable<(string? Key, string Value)> Terms(string query)
    {
        var i = 0;
        while (i < query.Length)
        {
            while (i < query.Length && char.IsWhiteSpace(query[i]))
            {
                i++;
            }

            if (i >= query.Length)
            {
                yield break;
            }

            var start = i;
            while (i < query.Length && !char.IsWhiteSpace(query[i]) && query[i] != ':' && query[i] != '"')
            {
                i++;
            }

            if (i < query.Length && query[i] == ':' && i > start)
            {
                var key = query[start..i];
                i++;
                yield return (key, ReadValue(query, ref i));
            }
            else
            {
                i = start;
                yield return (null, ReadValue(query, ref i));
            }
        }
    }

    private static string ReadValue(string query, ref int i)
    {
        var value = new StringBuilder();
        if (i < query.Length && query[i] == '"')
        {
            i++;
            while (i < query.Length && query[i] != '"')
            {
                value.Append(query[i++]);
            }

            i++;
            return value.ToString();
        }

        while (i < query.Length && !char.IsWhiteSpace(query[i]))
        {
            value.Append(query[i++]);
        }

        return value.ToString();
    }
}
