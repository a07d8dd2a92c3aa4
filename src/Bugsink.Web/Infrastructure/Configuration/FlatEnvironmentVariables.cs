namespace Bugsink.Web.Infrastructure.Configuration;

// The flat BUGSINK_* names are the documented Docker interface (DESIGN.md "Contracts"); they are
// mapped onto the hierarchical keys here, in one place, so the rest of the code only reads options.
public static class FlatEnvironmentVariables
{
    private static readonly (string Variable, string Key)[] Map =
    [
        ("BUGSINK_DATA_DIR", "Bugsink:DataDir"),
        ("BUGSINK_BASE_URL", "Bugsink:BaseUrl"),
        ("BUGSINK_DATABASE_URL", "Bugsink:Database:Url"),
        ("BUGSINK_ADMIN", "Bugsink:Admin"),
        ("BUGSINK_SMTP_HOST", "Bugsink:Smtp:Host"),
        ("BUGSINK_SMTP_PORT", "Bugsink:Smtp:Port"),
        ("BUGSINK_SMTP_USER", "Bugsink:Smtp:User"),
        ("BUGSINK_SMTP_PASSWORD", "Bugsink:Smtp:Password"),
        ("BUGSINK_SMTP_SECURITY", "Bugsink:Smtp:Security"),
        ("BUGSINK_EMAIL_FROM", "Bugsink:Smtp:From"),
        ("BUGSINK_TRUSTED_PROXIES", "Bugsink:TrustedProxies"),
    ];

    public static IEnumerable<string> VariableNames => Map.Select(entry => entry.Variable);

    public static string? VariableFor(string key) =>
        Map.FirstOrDefault(entry => string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase)).Variable;

    public static IConfigurationBuilder AddFlatBugsinkVariables(this IConfigurationBuilder builder) =>
        builder.AddInMemoryCollection(Translate(Environment.GetEnvironmentVariables()));

    // Separate from the process environment so tests can check the mapping without setting variables
    // that every server started in the same test process would see.
    internal static Dictionary<string, string?> Translate(System.Collections.IDictionary environment)
    {
        var values = new Dictionary<string, string?>();
        foreach (var (variable, key) in Map)
        {
            if (environment[variable] is string { Length: > 0 } value)
            {
                values[key] = value;
            }
        }

        return values;
    }
}
