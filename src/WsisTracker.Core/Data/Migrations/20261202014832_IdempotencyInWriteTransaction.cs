using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WsisTracker.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class IdempotencyInWriteTransaction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "entity_tag",
                table: "idempotency_records");

            migrationBuilder.DropColumn(
                name: "location",
                table: "idempotency_records");

            migrationBuilder.AddColumn<string>(
                name: "headers",
                table: "idempotency_records",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "headers",
                table: "idempotency_records");

            migrationBuilder.AddColumn<string>(
                name: "entity_tag",
                table: "idempotency_records",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "location",
                table: "idempotency_records",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }
    }
}
