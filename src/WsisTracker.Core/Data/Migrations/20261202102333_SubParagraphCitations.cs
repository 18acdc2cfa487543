using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WsisTracker.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SubParagraphCitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "sub_paragraph",
                table: "commitment_paragraphs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "sub_paragraph",
                table: "commitment_paragraphs");
        }
    }
}
