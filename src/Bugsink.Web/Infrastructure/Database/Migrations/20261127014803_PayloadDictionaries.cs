using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bugsink.Web.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class PayloadDictionaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PayloadDictionaries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SampleCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayloadDictionaries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PayloadDictionaries_ProjectId_CreatedAt",
                table: "PayloadDictionaries",
                columns: new[] { "ProjectId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PayloadDictionaries");
        }
    }
}
