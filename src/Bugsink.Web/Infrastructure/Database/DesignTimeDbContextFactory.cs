using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bugsink.Web.Infrastructure.Database;

// Lets `dotnet ef migrations add` build the model without starting the server or the CLI. Identity reads
// its schema version from the application's services; these carry the server's (SecurityModule).
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var services = new ServiceCollection()
            .Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
            .BuildServiceProvider();
        return new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=design-time.db").UseApplicationServiceProvider(services).Options);
    }
}
