using System.Globalization;
using System.Text;

namespace Bugsink.Web.Features.AlertChannels.Messages;

// Making strangers' strings safe for each service's markup, within a length: escaping happens first and
// the limit applies to the escaped text, cut only between whole escapes (never half an entity or a
// backslash without its character) and never inside a surrogate pair.
public static class ChannelText
{
    public const string Ellipsis = "…";

    // Breaks "@everyone", "@here", "@channel", "@all" into text no service reads as a mention.
    private const string AtSign = "@\u200B";

    // Control characters (line breaks above all) become spaces: event data cannot start a new line of markup.
    public static string OneLine(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString().Trim();
    }

    // Slack mrkdwn (and Slack plain_text): &, < and > are its control characters (<!channel>, <url|text>).
    public static string Slack(string? value, int max) => Escape(value, max, c => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '@' => AtSign,
        _ => null,
    });

    // Mattermost Markdown: entities for < > & (its server turns <!channel> into @channel before Markdown
    // runs, so a backslash would not do), backslashes for the Markdown punctuation, and no mentions.
    public static string Mattermost(string? value, int max) => Escape(value, max, c => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '@' => AtSign,
        _ => IsMarkdownPunctuation(c) ? "\\" + c : null,
    });

    // Discord Markdown (embeds render masked links [text](url)): backslashes for its punctuation, no
    // mentions even in text (the request also sends an empty allowed_mentions).
    public static string Discord(string? value, int max) => Escape(value, max, c => c switch
    {
        '@' => AtSign,
        _ => IsMarkdownPunctuation(c) || c is '<' or '>' ? "\\" + c : null,
    });

    // Adaptive Card TextRun: plain text, no Markdown; only the {{DATE()}} template syntax is broken up.
    public static string Plain(string? value, int max) => Escape(value, max, c => c switch
    {
        '{' => "{\u200B",
        '@' => AtSign,
        _ => null,
    });

    // Event data in the generic webhook's JSON: only one line and a length.
    public static string Raw(string? value, int max) => Escape(value, max, _ => null);

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static bool IsMarkdownPunctuation(char c) => c is '\\' or '`' or '*' or '_' or '~' or '|' or '[' or ']' or '(' or ')' or '#' or '!' or '{' or '}' or '+' or '-' or '=';

    // Escapes piece by piece (a surrogate pair is one piece) and stops, with an ellipsis, before the piece
    // that would take the text past max; so the result is never longer than max.
    private static string Escape(string? value, int max, Func<char, string?> escape)
    {
        var text = OneLine(value);
        var builder = new StringBuilder(Math.Min(text.Length, max) + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var piece = pair ? text.Substring(i, 2) : escape(text[i]) ?? text[i].ToString();
            var isLast = i + (pair ? 2 : 1) >= text.Length;
            if (builder.Length + piece.Length > max - (isLast ? 0 : Ellipsis.Length))
            {
                return builder.ToString() + Ellipsis;
            }

            builder.Append(piece);
            i += pair ? 1 : 0;
        }

        return builder.ToString();
    }
}
