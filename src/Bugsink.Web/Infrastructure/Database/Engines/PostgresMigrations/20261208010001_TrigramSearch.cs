using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bugsink.Web.Infrastructure.Database.Engines.PostgresMigrations
{
    /// <inheritdoc />
    public partial class TrigramSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it without
            // being a superuser. The GIN indexes serve ILIKE '%word%' (PostgresIssueTextMatch).
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE INDEX "IX_Issues_Title_trgm" ON "Issues" USING gin ("Title" gin_trgm_ops);
                CREATE INDEX "IX_Issues_Type_trgm" ON "Issues" USING gin ("Type" gin_trgm_ops);
                CREATE INDEX "IX_Issues_Value_trgm" ON "Issues" USING gin ("Value" gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_Issues_Value_trgm";
                DROP INDEX "IX_Issues_Type_trgm";
                DROP INDEX "IX_Issues_Title_trgm";
                """);
        }
    }
}
