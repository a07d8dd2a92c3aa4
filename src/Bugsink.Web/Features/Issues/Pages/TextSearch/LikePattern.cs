namespace Bugsink.Web.Features.Issues.Pages.TextSearch;

// A LIKE pattern that matches the word anywhere, with the word's own %, _ and \ taken literally.
internal static class LikePattern
{
    public const string Escape = "\\";

    public static string Containing(string word) =>
        "%" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
