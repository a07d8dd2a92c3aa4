using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bugsink.Web.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class PageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Releases_ProjectId_Sequence",
                table: "Releases",
                columns: new[] { "ProjectId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_Issues_Muted_ProjectId_LastSeen",
                table: "Issues",
                columns: new[] { "ProjectId", "LastSeen" },
                filter: "\"IsMuted\"");

            migrationBuilder.CreateIndex(
                name: "IX_Issues_Resolved_ProjectId_LastSeen",
                table: "Issues",
                columns: new[] { "ProjectId", "LastSeen" },
                filter: "\"IsResolved\"");

            migrationBuilder.CreateIndex(
                name: "IX_Events_IssueId_IngestedAt",
                table: "Events",
                columns: new[] { "IssueId", "IngestedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Releases_ProjectId_Sequence",
                table: "Releases");

            migrationBuilder.DropIndex(
                name: "IX_Issues_Muted_ProjectId_LastSeen",
                table: "Issues");

            migrationBuilder.DropIndex(
                name: "IX_Issues_Resolved_ProjectId_LastSeen",
                table: "Issues");

            migrationBuilder.DropIndex(
                name: "IX_Events_IssueId_IngestedAt",
                table: "Events");
        }
    }
}
