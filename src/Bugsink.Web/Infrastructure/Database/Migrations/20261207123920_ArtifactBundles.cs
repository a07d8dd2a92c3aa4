using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bugsink.Web.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class ArtifactBundles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DateReleased",
                table: "Releases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ArtifactBundle",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    BundleKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Checksum = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Release = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Dist = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FileCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    DebugIds = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastUsedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArtifactBundle", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArtifactBundle_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ArtifactGeneration",
                columns: table => new
                {
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArtifactGeneration", x => x.ProjectId);
                    table.ForeignKey(
                        name: "FK_ArtifactGeneration_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Deploy",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReleaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    Environment = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    DateStarted = table.Column<long>(type: "INTEGER", nullable: true),
                    DateFinished = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Deploy", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Deploy_Releases_ReleaseId",
                        column: x => x.ReleaseId,
                        principalTable: "Releases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ArtifactFile",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BundleId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    Release = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Dist = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    DebugId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SourceMapHeader = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArtifactFile", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArtifactFile_ArtifactBundle_BundleId",
                        column: x => x.BundleId,
                        principalTable: "ArtifactBundle",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArtifactBundle_Checksum",
                table: "ArtifactBundle",
                column: "Checksum");

            migrationBuilder.CreateIndex(
                name: "IX_ArtifactBundle_LastUsedAt",
                table: "ArtifactBundle",
                column: "LastUsedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ArtifactBundle_ProjectId_BundleKey",
                table: "ArtifactBundle",
                columns: new[] { "ProjectId", "BundleKey" });

            migrationBuilder.CreateIndex(
                name: "IX_ArtifactFile_BundleId",
                table: "ArtifactFile",
                column: "BundleId");

            migrationBuilder.CreateIndex(
                name: "IX_ArtifactFile_ProjectId_DebugId_Kind",
                table: "ArtifactFile",
                columns: new[] { "ProjectId", "DebugId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_ArtifactFile_ProjectId_Release_Dist_Url",
                table: "ArtifactFile",
                columns: new[] { "ProjectId", "Release", "Dist", "Url" });

            migrationBuilder.CreateIndex(
                name: "IX_Deploy_ReleaseId_DateFinished",
                table: "Deploy",
                columns: new[] { "ReleaseId", "DateFinished" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArtifactFile");

            migrationBuilder.DropTable(
                name: "ArtifactGeneration");

            migrationBuilder.DropTable(
                name: "Deploy");

            migrationBuilder.DropTable(
                name: "ArtifactBundle");

            migrationBuilder.DropColumn(
                name: "DateReleased",
                table: "Releases");
        }
    }
}
