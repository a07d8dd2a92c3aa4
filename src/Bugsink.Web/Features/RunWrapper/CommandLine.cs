using System.Text.RegularExpressions;

namespace Bugsink.Web.Features.RunWrapper;

// A command and its arguments as one line a POSIX shell would read back the same way.
public static partial class CommandLine
{
    public static string Format(IReadOnlyList<string> command) => string.Join(' ', command.Select(Quote));

    private static string Quote(string word) =>
        word.Length > 0 && Plain().IsMatch(word) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^[\w@%+=:,./-]+$")]
    private static partial Regex Plain();
}
