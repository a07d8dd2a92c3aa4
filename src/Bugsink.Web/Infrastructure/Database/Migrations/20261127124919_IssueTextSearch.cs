using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bugsink.Web.Infrastructure.Database.Migrations
{
    /// <summary>
    /// Free-text search of the issue list matched every word with LIKE '%word%' on each issue in list
    /// order: a word that few or no issues contain read every row, ~200 ms with 100,000 issues. A
    /// trigram full-text index of the same columns finds them by substring in a few milliseconds
    /// (IssueListQuery). It is an external-content FTS5 table, kept in step with Issues by triggers, so
    /// every writer (digest, API, deletion, retention) keeps it right without knowing of it. EF Core
    /// cannot express it, so the model is unchanged. A later migration that rebuilds Issues (SQLite's
    /// way of altering a column) drops these triggers and must create them again.
    /// </summary>
    public partial class IssueTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "IssueText" USING fts5(
                    "Title", "Type", "Value", content='Issues', content_rowid='Id', tokenize='trigram');
                CREATE TRIGGER "Issues_IssueText_Insert" AFTER INSERT ON "Issues" BEGIN
                    INSERT INTO "IssueText" (rowid, "Title", "Type", "Value") VALUES (new."Id", new."Title", new."Type", new."Value");
                END;
                CREATE TRIGGER "Issues_IssueText_Delete" AFTER DELETE ON "Issues" BEGIN
                    INSERT INTO "IssueText" ("IssueText", rowid, "Title", "Type", "Value") VALUES ('delete', old."Id", old."Title", old."Type", old."Value");
                END;
                CREATE TRIGGER "Issues_IssueText_Update" AFTER UPDATE OF "Title", "Type", "Value" ON "Issues" BEGIN
                    INSERT INTO "IssueText" ("IssueText", rowid, "Title", "Type", "Value") VALUES ('delete', old."Id", old."Title", old."Type", old."Value");
                    INSERT INTO "IssueText" (rowid, "Title", "Type", "Value") VALUES (new."Id", new."Title", new."Type", new."Value");
                END;
                INSERT INTO "IssueText" ("IssueText") VALUES ('rebuild');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Issues_IssueText_Update";
                DROP TRIGGER "Issues_IssueText_Delete";
                DROP TRIGGER "Issues_IssueText_Insert";
                DROP TABLE "IssueText";
                """);
        }
    }
}
