using System.CommandLine;
using Bugsink.Web.Features.Accounts.Tokens;

namespace Bugsink.Web.Cli;

// `create-token [--name NAME]`: an installation token (no user, administrator rights) for scripts and
// CI. The last line of output is the token; it is stored only as a hash, so this is the one chance to copy it.
public static class CreateTokenCommand
{
    public static Command Build()
    {
        var name = new Option<string?>("--name") { Description = "What the token is for (shown in the token list)." };
        var command = new Command("create-token", "Create an API token with administrator rights and print it.") { name };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var app = ExistingInstallation.Open(result);
            using var scope = app.Services.CreateScope();
            var issued = await scope.ServiceProvider.GetRequiredService<ApiTokenIssuer>()
                .CreateAsync(userId: null, result.GetValue(name) ?? "CLI token", cancellationToken);
            Console.WriteLine($"Created installation token '{issued.Token.Name}' (id {issued.Token.Id}); use it as Authorization: Bearer TOKEN.");
            Console.WriteLine(issued.Secret);
            return 0;
        });
        return command;
    }
}
