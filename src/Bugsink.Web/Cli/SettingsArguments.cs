namespace Bugsink.Web.Cli;

// Every command also takes settings on its command line, as ASP.NET Core's command-line configuration
// reads them: `--Bugsink:DataDir=/srv/bugsink`, `--Bugsink:Smtp:Port 25`, `--urls http://0.0.0.0:8000`.
// Whatever System.CommandLine did not match must be one of those; anything else is a mistake (a typo,
// an option of another command) and is refused, so that `bugsink backup out.tar.gz` on a build without
// that command fails instead of quietly starting a server.
public static class SettingsArguments
{
    // Host settings that are not under a section (ASP.NET Core's own).
    public static readonly string[] PlainKeys = ["urls", "environment", "contentRoot"];

    public sealed record Problem(string Token, string Message);

    public static Problem? FindProblem(IReadOnlyList<string> unmatched)
    {
        for (var i = 0; i < unmatched.Count; i++)
        {
            var token = unmatched[i];
            var key = KeyOf(token);
            if (key is null)
            {
                return new Problem(token, token.StartsWith('-') ? $"Unknown option '{token}'." : $"Unexpected argument '{token}'.");
            }

            if (!token.Contains('=', StringComparison.Ordinal))
            {
                // `--key value`: the value is the next token.
                if (i + 1 >= unmatched.Count)
                {
                    return new Problem(token, $"The setting '{token}' needs a value ('{token}=VALUE' or '{token} VALUE').");
                }

                i++;
            }
        }

        return null;
    }

    // The settings key of `--Section:Key[=value]`, `--urls[=value]` or `Section:Key=value`; null if the
    // token is none of those.
    private static string? KeyOf(string token)
    {
        var dashed = token.StartsWith("--", StringComparison.Ordinal);
        var body = dashed ? token[2..] : token;
        var equals = body.IndexOf('=', StringComparison.Ordinal);
        var key = equals >= 0 ? body[..equals] : body;
        if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '_' or '.'))
        {
            return null;
        }

        var isSectionKey = key.Contains(':', StringComparison.Ordinal) && key[0] != ':' && key[^1] != ':';
        var isPlainKey = dashed && PlainKeys.Contains(key, StringComparer.OrdinalIgnoreCase);
        if (!dashed && equals < 0)
        {
            return null;
        }

        return isSectionKey || isPlainKey ? key : null;
    }
}
