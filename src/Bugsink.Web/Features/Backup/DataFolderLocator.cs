using Bugsink.Web.Infrastructure.Configuration;

namespace Bugsink.Web.Features.Backup;

// The data folder from the configuration BugsinkApp.Build reads, without building the app: Build
// creates the folder, and backup must not make an empty installation where none was, nor restore
// find its target already created.
public static class DataFolderLocator
{
    public static string Resolve(string[] args)
    {
        var builder = BugsinkApp.CreateBuilder(args);
        var site = new SiteOptions();
        builder.Configuration.GetSection(SiteOptions.Section).Bind(site);
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(site.DataDir));
    }
}
