using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WsisTracker.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class TrigramSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "ix_commitments_code_trgm",
                table: "commitments",
                column: "code")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_commitments_description_trgm",
                table: "commitments",
                column: "description")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_commitments_title_trgm",
                table: "commitments",
                column: "title")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_commitments_code_trgm",
                table: "commitments");

            migrationBuilder.DropIndex(
                name: "ix_commitments_description_trgm",
                table: "commitments");

            migrationBuilder.DropIndex(
                name: "ix_commitments_title_trgm",
                table: "commitments");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
