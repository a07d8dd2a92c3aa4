using System.CommandLine;
using Bugsink.Web.Features.Accounts;

namespace Bugsink.Web.Cli;

// `create-user EMAIL --password P [--admin]`. For an existing account it sets the password (and
// grants admin with --admin), which is also the way back in when the only admin password is lost.
public static class CreateUserCommand
{
    public static Command Build()
    {
        var email = new Argument<string>("email") { Description = "The user's email address (also the login name)." };
        var password = new Option<string>("--password") { Description = "The password (at least 8 characters).", Required = true };
        var admin = new Option<bool>("--admin") { Description = "Make the user an administrator: sees and manages everything." };
        var command = new Command("create-user", "Create a user, or set an existing user's password.") { email, password, admin };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var app = ExistingInstallation.Open(result);
            using var scope = app.Services.CreateScope();
            var creator = scope.ServiceProvider.GetRequiredService<UserCreator>();
            var created = await creator.CreateOrUpdateAsync(result.GetValue(email)!, result.GetValue(password)!, result.GetValue(admin));
            if (!created.Succeeded)
            {
                foreach (var error in created.Errors)
                {
                    Console.Error.WriteLine(error);
                }

                return 1;
            }

            var user = created.User!;
            Console.WriteLine($"User {user.Email} (id {user.Id}) is ready{(user.IsAdmin ? ", an administrator" : "")}. Log in at /accounts/login/.");
            return 0;
        });
        return command;
    }
}
