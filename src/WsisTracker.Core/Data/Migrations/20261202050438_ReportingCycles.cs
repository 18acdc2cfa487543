using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WsisTracker.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReportingCycles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reporting_cycles",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    opens_on = table.Column<DateOnly>(type: "date", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    resolution_slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    action_line_code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    stakeholder_slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    snapshot = table.Column<string>(type: "jsonb", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reporting_cycles", x => x.id);
                    table.CheckConstraint("ck_reporting_cycles_window", "due_on >= opens_on");
                });

            migrationBuilder.CreateIndex(
                name: "ix_reporting_cycles_closed_at",
                table: "reporting_cycles",
                column: "closed_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reporting_cycles");
        }
    }
}
