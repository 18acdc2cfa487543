using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WsisTracker.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ResolutionParts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_paragraphs_resolution_id_number",
                table: "paragraphs");

            migrationBuilder.AddColumn<string>(
                name: "part",
                table: "sections",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "part",
                table: "paragraphs",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sub_paragraphs",
                table: "paragraphs",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.CreateTable(
                name: "annexes",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    resolution_id = table.Column<int>(type: "integer", nullable: false),
                    order = table.Column<int>(type: "integer", nullable: false),
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_annexes", x => x.id);
                    table.ForeignKey(
                        name: "fk_annexes_resolutions_resolution_id",
                        column: x => x.resolution_id,
                        principalTable: "resolutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_paragraphs_resolution_id_number",
                table: "paragraphs",
                columns: new[] { "resolution_id", "number" },
                unique: true,
                filter: "number IS NOT NULL AND part IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_paragraphs_resolution_id_part_number",
                table: "paragraphs",
                columns: new[] { "resolution_id", "part", "number" },
                unique: true,
                filter: "number IS NOT NULL AND part IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_annexes_resolution_id_key",
                table: "annexes",
                columns: new[] { "resolution_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_annexes_resolution_id_order",
                table: "annexes",
                columns: new[] { "resolution_id", "order" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "annexes");

            migrationBuilder.DropIndex(
                name: "ix_paragraphs_resolution_id_number",
                table: "paragraphs");

            migrationBuilder.DropIndex(
                name: "ix_paragraphs_resolution_id_part_number",
                table: "paragraphs");

            migrationBuilder.DropColumn(
                name: "part",
                table: "sections");

            migrationBuilder.DropColumn(
                name: "part",
                table: "paragraphs");

            migrationBuilder.DropColumn(
                name: "sub_paragraphs",
                table: "paragraphs");

            migrationBuilder.CreateIndex(
                name: "ix_paragraphs_resolution_id_number",
                table: "paragraphs",
                columns: new[] { "resolution_id", "number" },
                unique: true,
                filter: "number IS NOT NULL");
        }
    }
}
