namespace Bugsink.Web.Features.Accounts.Security;

// Bugsink:Accounts:RequireTwoFactor: whose password login must be followed by an authenticator code.
public enum TwoFactorRequirement
{
    None,
    Admins,
    All,
}

public static class TwoFactorRequirements
{
    public static bool Applies(this TwoFactorRequirement requirement, User user) => requirement switch
    {
        TwoFactorRequirement.All => true,
        TwoFactorRequirement.Admins => user.IsAdmin,
        _ => false,
    };
}
