using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Infrastructure.Configuration;

// Every setting is checked before anything starts: a value the binder cannot convert ("ten" for a
// quota) would otherwise surface only when the options are first read, as an empty 500 on every event
// while /health/live says healthy. Each problem is one line naming the setting, the value and what is
// allowed; the CLI prints them and exits 1. Options classes are found by their `Section` constant, so
// a new one is checked without being listed here; ranges come from its [Range] attributes and
// cross-field rules from IValidatableObject.
public static class SettingsCheck
{
    private static readonly Lazy<IReadOnlyList<(string Section, Type Type)>> OptionTypes = new(FindOptionTypes);

    public static void ThrowIfInvalid(IConfiguration configuration)
    {
        var problems = Problems(configuration);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException("Bugsink", typeof(SettingsCheck), problems);
        }
    }

    public static List<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        foreach (var (section, type) in OptionTypes.Value)
        {
            var before = problems.Count;
            foreach (var property in SettableProperties(type))
            {
                var key = $"{section}:{property.Name}";
                if (configuration[key] is { } value && SettingValue.Describe(property, value) is { } allowed)
                {
                    problems.Add($"{SettingName(key)} is '{Shorten(value)}'; it must be {allowed}.");
                }
            }

            if (problems.Count == before)
            {
                AddValidationProblems(configuration, section, type, problems);
            }
        }

        return problems;
    }

    private static void AddValidationProblems(IConfiguration configuration, string section, Type type, List<string> problems)
    {
        var options = Activator.CreateInstance(type)!;
        configuration.GetSection(section).Bind(options);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var member = result.MemberNames.FirstOrDefault();
            if (member is not null && type.GetProperty(member)?.GetCustomAttribute<RangeAttribute>() is { } range)
            {
                var key = $"{section}:{member}";
                var value = type.GetProperty(member)!.GetValue(options);
                problems.Add($"{SettingName(key)} is '{Convert.ToString(value, CultureInfo.InvariantCulture)}'; it must be {SettingValue.RangeText(range)}.");
            }
            else
            {
                problems.Add(result.ErrorMessage ?? $"{section} is not valid.");
            }
        }
    }

    // The flat BUGSINK_* variable first where one maps to the key: that is what the operator wrote.
    private static string SettingName(string key) =>
        FlatEnvironmentVariables.VariableFor(key) is { } variable ? $"{variable} ({key})" : key;

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";

    private static IEnumerable<PropertyInfo> SettableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic);

    private static List<(string, Type)> FindOptionTypes() =>
        [.. typeof(SettingsCheck).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string) && x.Type.Name.EndsWith("Options", StringComparison.Ordinal))
            .Select(x => ((string)x.Field!.GetRawConstantValue()!, x.Type))];
}
