using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bugsink.Web.Infrastructure.Database.Engines;

// The model of AppDbContext on PostgreSQL. A type of its own only so that EF keeps two migration histories
// in one assembly: SQLite's in Database/Migrations, PostgreSQL's in Engines/PostgresMigrations. Everything
// that asks for AppDbContext gets this one when the engine is PostgreSQL.
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);

// `dotnet ef migrations add NAME --context PostgresAppDbContext --output-dir Infrastructure/Database/Engines/PostgresMigrations`
// builds the model with no server to connect to.
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=bugsink_design").Options);
}
