using Bugsink.Web.Infrastructure.Configuration;

namespace Bugsink.Web.Features.Backup;

// The data folder from the same configuration sources BugsinkApp.Build reads (appsettings.json
// beside the binary, BUGSINK_* and Bugsink__* variables, --Bugsink:DataDir), without building the
// app: Build creates the folder, and backup must not make an empty installation where none was,
// nor restore find its target already created.
public static class DataFolderLocator
{
    public static string Resolve(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(BugsinkApp).Assembly.GetName().Name,
        });
        builder.Configuration.AddFlatBugsinkVariables();
        builder.Configuration.AddCommandLine(args);
        var site = new SiteOptions();
        builder.Configuration.GetSection(SiteOptions.Section).Bind(site);
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(site.DataDir));
    }
}
