using Bugsink.Web.Infrastructure.Database;

namespace Bugsink.Web.Tests.Infrastructure;

// A new, empty installation in dataDir, as the server's first start leaves it (databases migrated):
// the CLI's commands other than serve refuse a folder without one.
public static class TestInstallation
{
    public static async Task CreateAsync(string dataDir)
    {
        await using var app = BugsinkApp.Build([$"--Bugsink:DataDir={dataDir}"]);
        DatabaseStartup.Initialize(app.Services);
    }
}
