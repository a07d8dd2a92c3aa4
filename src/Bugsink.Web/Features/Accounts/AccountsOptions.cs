using System.ComponentModel.DataAnnotations;
using Bugsink.Web.Features.Accounts.Security;

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

    // Posts to the login, forgot-password and invitation forms one client (an IPv4 address, an IPv6 /64) may
    // make per AttemptWindowSeconds; beyond it they answer 429. Below the lockout's 5 on purpose: one
    // stranger is stopped by this limit before the account is locked (SignInThrottle).
    [Range(1, 1_000_000)]
    public int AttemptsPerClient { get; set; } = 4;

    [Range(1, 86_400)]
    public int AttemptWindowSeconds { get; set; } = 300;

    // Password-reset emails per account per hour, however many clients ask.
    [Range(1, 1000)]
    public int PasswordEmailsPerAddressPerHour { get; set; } = 3;

    // Who must have an authenticator (TOTP) second factor: they are made to enrol at their next password login.
    public TwoFactorRequirement RequireTwoFactor { get; set; } = TwoFactorRequirement.None;

    // Days a "remember this browser" choice at the code prompt skips the prompt on that browser.
    [Range(1, 365)]
    public int RememberBrowserDays { get; set; } = 30;

    // False hides and refuses the password form (sign-in through the identity provider or proxy only).
    public bool PasswordLogin { get; set; } = true;

    // With PasswordLogin=false: administrators may still use their password, on /accounts/login/?password=1.
    public bool BreakGlass { get; set; }

    // "email:password" from BUGSINK_ADMIN; that admin is made sure of at start-up.
    public string? Admin { get; set; }
}
