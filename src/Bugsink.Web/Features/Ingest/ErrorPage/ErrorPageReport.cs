using System.Net.Mail;
using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace Bugsink.Web.Features.Ingest.ErrorPage;

// The dialog's three fields, all required, within the lengths Sentry's own dialog allows. What a person
// typed is kept as typed (trimmed): it is shown HTML-encoded on the issue page, never interpreted.
public sealed record ErrorPageReport(string Name, string Email, string Comments, IReadOnlyDictionary<string, string> Errors)
{
    public const int MaxName = 128;
    public const int MaxEmail = 254;
    public const int MaxComments = 4096;

    public static ErrorPageReport Read(IFormCollection form)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = Field(form, "name", MaxName, errors);
        var email = Field(form, "email", MaxEmail, errors);
        var comments = Field(form, "comments", MaxComments, errors);
        if (!errors.ContainsKey("email") && !MailAddress.TryCreate(email, out _))
        {
            errors["email"] = "Enter a valid email address.";
        }

        return new ErrorPageReport(name, email, comments, errors);
    }

    // The same document a `user_report` envelope item carries (PROTOCOL.md §5.6).
    public byte[] ToUserReport(string eventId) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["event_id"] = eventId, ["name"] = Name, ["email"] = Email, ["comments"] = Comments });

    // {"errors": {"email": "Enter a valid email address."}}: the dialog shows these beside its message.
    public static string ErrorsJson(IReadOnlyDictionary<string, string> errors) =>
        JsonSerializer.Serialize(new Dictionary<string, IReadOnlyDictionary<string, string>> { ["errors"] = errors });

    private static string Field(IFormCollection form, string name, int max, Dictionary<string, string> errors)
    {
        StringValues values = form[name];
        var value = values.Count == 1 ? values[0]!.Trim() : "";
        if (values.Count > 1)
        {
            errors[name] = "Give this field once.";
        }
        else if (value.Length == 0)
        {
            errors[name] = "This field is required.";
        }
        else if (value.Length > max)
        {
            errors[name] = $"At most {max} characters, please.";
        }

        return value;
    }
}
