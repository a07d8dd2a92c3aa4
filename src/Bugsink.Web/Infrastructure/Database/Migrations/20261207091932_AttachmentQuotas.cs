using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bugsink.Web.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class AttachmentQuotas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AttachmentQuotaBytesPerHour",
                table: "Projects",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AttachmentQuotaBytesPerMinute",
                table: "Projects",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AttachmentQuotaBytesPerMonth",
                table: "Projects",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Size",
                table: "EventAttachments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.Sql("UPDATE EventAttachments SET Size = length(Data)");

            migrationBuilder.CreateIndex(
                name: "IX_EventAttachments_Storage",
                table: "EventAttachments",
                columns: new[] { "ProjectId", "Id", "Size", "EventId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EventAttachments_Storage",
                table: "EventAttachments");

            migrationBuilder.DropColumn(
                name: "Size",
                table: "EventAttachments");

            migrationBuilder.DropColumn(
                name: "AttachmentQuotaBytesPerHour",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "AttachmentQuotaBytesPerMinute",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "AttachmentQuotaBytesPerMonth",
                table: "Projects");
        }
    }
}
