using System.CommandLine;
using Bugsink.Sentry.Auth;
using Bugsink.Web.Features.Projects;
using Bugsink.Web.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Cli;

// `create-project NAME [--team TEAM]`: its last line of output is the DSN, so scripts can take it with tail -n1.
public static class CreateProjectCommand
{
    public static Command Build()
    {
        var name = new Argument<string>("name") { Description = "The project's name." };
        var team = new Option<string?>("--team") { Description = "Team to put the project in (created when new; default: Default)." };
        var command = new Command("create-project", "Create a project and print its DSN.") { name, team };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var app = ExistingInstallation.Open(result);
            using var scope = app.Services.CreateScope();
            var creator = ActivatorUtilities.CreateInstance<ProjectCreator>(scope.ServiceProvider);
            var project = await creator.CreateAsync(result.GetValue(name)!, result.GetValue(team), cancellationToken);
            var site = scope.ServiceProvider.GetRequiredService<IOptions<SiteOptions>>().Value;
            Console.WriteLine($"Created project '{project.Name}' (id {project.Id}) in team '{result.GetValue(team) ?? ProjectCreator.DefaultTeam}'.");
            Console.WriteLine(Dsn.Format(site.BaseUrl, project.PublicKey, project.Id));
            return 0;
        });
        return command;
    }
}
