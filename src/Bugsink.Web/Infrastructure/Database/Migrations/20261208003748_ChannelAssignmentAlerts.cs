using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bugsink.Web.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class ChannelAssignmentAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "OnAssignment",
                table: "AlertChannels",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OnAssignment",
                table: "AlertChannels");
        }
    }
}
