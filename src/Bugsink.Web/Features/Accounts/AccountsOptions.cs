using System.ComponentModel.DataAnnotations;

namespace Bugsink.Web.Features.Accounts;

// Bound from "Bugsink:Accounts" (the admin from "Bugsink:Admin", i.e. BUGSINK_ADMIN).
public sealed class AccountsOptions
{
    public const string Section = "Bugsink:Accounts";

    public const string AdminKey = "Bugsink:Admin";

    // Invited only by default: a self-hosted tracker is usually reachable by more people than should see its data.
    public RegistrationPolicy Registration { get; set; } = RegistrationPolicy.InvitedOnly;

    // Whether any signed-in user may create a team (and becomes its admin); false leaves it to administrators.
    public bool AnyUserCreatesTeams { get; set; } = true;

    // Days an invitation link stays valid.
    [Range(1, 365)]
    public int InvitationDays { get; set; } = 7;

    // Hours a password-reset or set-password link stays valid.
    [Range(1, 24 * 30)]
    public int PasswordLinkHours { get; set; } = 24;

    // Days a "remember me" session lasts; without it the cookie ends with the browser session.
    [Range(1, 365)]
    public int RememberMeDays { get; set; } = 14;

    // "email:password" from BUGSINK_ADMIN; that admin is made sure of at start-up.
    public string? Admin { get; set; }
}
