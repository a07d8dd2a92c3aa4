using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bugsink.Web.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class Triage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AssigneeUserId",
                table: "Issues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Issues_ProjectId_AssigneeUserId",
                table: "Issues",
                columns: new[] { "ProjectId", "AssigneeUserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Issues_ProjectId_AssigneeUserId",
                table: "Issues");

            // SQLite's own DROP COLUMN: EF's DropColumn rebuilds Issues, and the rebuild loses the
            // full-text triggers (IssueTextSearch) that the downgraded schema still needs.
            migrationBuilder.Sql("ALTER TABLE Issues DROP COLUMN AssigneeUserId");
        }
    }
}
