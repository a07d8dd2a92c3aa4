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
                name: "ArtifactBundles",
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
                    table.PrimaryKey("PK_ArtifactBundles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArtifactBundles_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ArtifactGenerations",
                columns: table => new
                {
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArtifactGenerations", x => x.ProjectId);
                    table.ForeignKey(
                        name: "FK_ArtifactGenerations_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Deploys",
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
                    table.PrimaryKey("PK_Deploys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Deploys_Releases_ReleaseId",
                        column: x => x.ReleaseId,
                        principalTable: "Releases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ArtifactFiles",
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
                    table.PrimaryKey("PK_ArtifactFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArtifactFiles_ArtifactBundles_BundleId",
                        column: x => x.BundleId,
                        principalTable: "ArtifactBundles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArtifactBundles_Checksum",
                table: "ArtifactBundles",
                column: "Checksum");

            migrationBuilder.CreateIndex(
                name: "IX_ArtifactBundles_LastUsedAt",
                table: "ArtifactBundles",
                column: "LastUsedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ArtifactBundles_ProjectId_BundleKey",
                table: "ArtifactBundles",
                columns: new[] { "ProjectId", "BundleKey" });

            migrationBuilder.CreateIndex(
                name: "IX_ArtifactFiles_BundleId",
                table: "ArtifactFiles",
                column: "BundleId");

            migrationBuilder.CreateIndex(
                name: "IX_ArtifactFiles_ProjectId_DebugId_Kind",
                table: "ArtifactFiles",
                columns: new[] { "ProjectId", "DebugId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_ArtifactFiles_ProjectId_Release_Dist_Url",
                table: "ArtifactFiles",
                columns: new[] { "ProjectId", "Release", "Dist", "Url" });

            migrationBuilder.CreateIndex(
                name: "IX_Deploys_ReleaseId_DateFinished",
                table: "Deploys",
                columns: new[] { "ReleaseId", "DateFinished" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArtifactFiles");

            migrationBuilder.DropTable(
                name: "ArtifactGenerations");

            migrationBuilder.DropTable(
                name: "Deploys");

            migrationBuilder.DropTable(
                name: "ArtifactBundles");

            migrationBuilder.DropColumn(
                name: "DateReleased",
                table: "Releases");
        }
    }
}
