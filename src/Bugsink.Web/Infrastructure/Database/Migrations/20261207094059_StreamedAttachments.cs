using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bugsink.Web.Infrastructure.Database.Migrations
{
    // Data becomes the last column of EventAttachments. SQLite keeps zeroblob(N) lazy only when no column
    // after it holds bytes; with ReceivedAt after Data, inserting room for a 99 MiB attachment allocated and
    // zero-filled it twice (measured: +200 MB per row), which defeated copying attachments in chunks.
    // No model change: EF does not track column order. A column added to this table later must keep Data last;
    // Size (AttachmentQuotas, one migration earlier) goes before Data, and its index is recreated.
    public partial class StreamedAttachments : Migration
    {
        private const string Columns = "Id, ProjectId, EventId, ItemType, Filename, ContentType, AttachmentType, ReceivedAt, Size, Data";

        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE TABLE "ef_temp_EventAttachments" (
                    "Id" INTEGER NOT NULL CONSTRAINT "PK_EventAttachments" PRIMARY KEY AUTOINCREMENT,
                    "ProjectId" INTEGER NOT NULL,
                    "EventId" TEXT NOT NULL,
                    "ItemType" TEXT NOT NULL,
                    "Filename" TEXT NOT NULL,
                    "ContentType" TEXT NULL,
                    "AttachmentType" TEXT NULL,
                    "ReceivedAt" INTEGER NOT NULL,
                    "Size" INTEGER NOT NULL DEFAULT 0,
                    "Data" BLOB NOT NULL
                );
                INSERT INTO "ef_temp_EventAttachments" ({Columns}) SELECT {Columns} FROM "EventAttachments";
                DROP TABLE "EventAttachments";
                ALTER TABLE "ef_temp_EventAttachments" RENAME TO "EventAttachments";
                CREATE INDEX "IX_EventAttachments_ProjectId_EventId" ON "EventAttachments" ("ProjectId", "EventId");
                CREATE INDEX "IX_EventAttachments_Storage" ON "EventAttachments" ("ProjectId", "Id", "Size", "EventId");
                """);
        }

        // The old order works too (only large attachments cost more), so going back changes nothing.
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
