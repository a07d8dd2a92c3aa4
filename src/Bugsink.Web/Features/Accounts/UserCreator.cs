using Microsoft.AspNetCore.Identity;

namespace Bugsink.Web.Features.Accounts;

public sealed record UserCreation(User? User, IReadOnlyList<string> Errors)
{
    public bool Succeeded => User is not null;
}

// Creates accounts for every way in: BUGSINK_ADMIN, `bugsink create-user`, the users page,
// registration and invitations. The email address is also the user name.
public sealed class UserCreator(UserManager<User> users, TimeProvider time)
{
    // A null password creates an account that can only be entered through a set-password link.
    public async Task<UserCreation> CreateAsync(string email, string? password, bool isAdmin)
    {
        email = email.Trim();
        var user = new User { UserName = email, Email = email, IsAdmin = isAdmin, CreatedAt = time.GetUtcNow() };
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        return result.Succeeded ? new UserCreation(user, []) : new UserCreation(null, Describe(result));
    }

    // For the CLI: creates the user, or gives an existing one this password (and admin rights when
    // asked), which is also how an operator gets back into an installation whose admin password is lost.
    public async Task<UserCreation> CreateOrUpdateAsync(string email, string password, bool isAdmin)
    {
        var existing = await users.FindByEmailAsync(email.Trim());
        if (existing is null)
        {
            return await CreateAsync(email, password, isAdmin);
        }

        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange(Describe(await validator.ValidateAsync(users, existing, password)));
        }

        if (errors.Count > 0)
        {
            return new UserCreation(null, errors);
        }

        existing.IsAdmin |= isAdmin;
        existing.PasswordHash = users.PasswordHasher.HashPassword(existing, password);
        // Signs out every session that used the old password.
        await users.UpdateSecurityStampAsync(existing);
        await users.SetLockoutEndDateAsync(existing, null);
        return new UserCreation(existing, []);
    }

    public static IReadOnlyList<string> Describe(IdentityResult result) => [.. result.Errors.Select(e => e.Description)];
}
