using Bugsink.Web.Infrastructure.Configuration;

namespace Bugsink.Web.Features.Backup;

// The data folder from the configuration BugsinkApp.Build reads, without building the app: Build
// creates the folder, and backup must not make an empty installation where none was, nor restore
// find its target already created.
public static class DataFolderLocator
{
    public static string Resolve(string[] args) =>
        SiteOptions.ResolveDataDir(BugsinkApp.CreateBuilder(args).Configuration);
}
