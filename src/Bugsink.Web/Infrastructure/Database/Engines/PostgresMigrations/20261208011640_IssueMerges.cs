using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bugsink.Web.Infrastructure.Database.Engines.PostgresMigrations
{
    /// <inheritdoc />
    public partial class IssueMerges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "MergedFromIssueId",
                table: "Groupings",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "IssueMerges",
                columns: table => new
                {
                    MergedIssueId = table.Column<long>(type: "bigint", nullable: false),
                    SurvivorIssueId = table.Column<long>(type: "bigint", nullable: false),
                    ProjectId = table.Column<long>(type: "bigint", nullable: false),
                    MergedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssueMerges", x => x.MergedIssueId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IssueMerges_SurvivorIssueId",
                table: "IssueMerges",
                column: "SurvivorIssueId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IssueMerges");

            migrationBuilder.DropColumn(
                name: "MergedFromIssueId",
                table: "Groupings");
        }
    }
}
