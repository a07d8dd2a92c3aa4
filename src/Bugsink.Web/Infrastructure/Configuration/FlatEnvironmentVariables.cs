namespace Bugsink.Web.Infrastructure.Configuration;

// The flat BUGSINK_* names are the documented Docker interface (DESIGN.md "Contracts"); they are
// mapped onto the hierarchical keys here, in one place, so the rest of the code only reads options.
public static class FlatEnvironmentVariables
{
    private static readonly (string Variable, string Key)[] Map =
    [
        ("BUGSINK_DATA_DIR", "Bugsink:DataDir"),
        ("BUGSINK_BASE_URL", "Bugsink:BaseUrl"),
        ("BUGSINK_ADMIN", "Bugsink:Admin"),
        ("BUGSINK_SMTP_HOST", "Bugsink:Smtp:Host"),
        ("BUGSINK_SMTP_PORT", "Bugsink:Smtp:Port"),
        ("BUGSINK_SMTP_USER", "Bugsink:Smtp:User"),
        ("BUGSINK_SMTP_PASSWORD", "Bugsink:Smtp:Password"),
        ("BUGSINK_SMTP_SECURITY", "Bugsink:Smtp:Security"),
        ("BUGSINK_EMAIL_FROM", "Bugsink:Smtp:From"),
    ];

    public static IConfigurationBuilder AddFlatBugsinkVariables(this IConfigurationBuilder builder)
    {
        var values = new Dictionary<string, string?>();
        foreach (var (variable, key) in Map)
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrEmpty(value))
            {
                values[key] = value;
            }
        }

        return builder.AddInMemoryCollection(values);
    }
}
