using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace Bugsink.Web.Infrastructure.Configuration;

// Whether one raw setting converts to its property's type the way the configuration binder converts
// it, and, when not, the words for what is allowed.
internal static class SettingValue
{
    // Null when the value is fine.
    public static string? Describe(PropertyInfo property, string value)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType);
        if (type is not null && value.Length == 0)
        {
            return null;
        }

        type ??= property.PropertyType;
        if (type == typeof(string) || !IsSimple(type))
        {
            return null;
        }

        object? converted;
        try
        {
            converted = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            converted = null;
        }

        var range = property.GetCustomAttribute<RangeAttribute>();
        if (converted is not null && (range is null || range.IsValid(converted)))
        {
            return null;
        }

        return range is not null ? RangeText(range) : Allowed(type);
    }

    public static string RangeText(RangeAttribute range)
    {
        var kind = range.OperandType == typeof(double) ? "a number" : "a whole number";
        var max = Format(range.Maximum);
        return max is "9223372036854775807" or "2147483647"
            ? $"{kind}, at least {Format(range.Minimum)}"
            : $"{kind} from {Format(range.Minimum)} to {max}";
    }

    private static string Allowed(Type type) => type switch
    {
        _ when type == typeof(bool) => "true or false",
        _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type)),
        _ when type == typeof(TimeSpan) => "a duration such as 00:05:00",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
        _ => "a whole number",
    };

    private static bool IsSimple(Type type) => type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(TimeSpan);

    private static string Format(object? value) => value switch
    {
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
