using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WsisTracker.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Indicators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "indicator_code",
                table: "commitments",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "indicator_target",
                table: "commitments",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "indicator_target_year",
                table: "commitments",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "indicators",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    attribution = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_indicators", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "indicator_values",
                columns: table => new
                {
                    indicator_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    country_iso3 = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_indicator_values", x => new { x.indicator_code, x.country_iso3, x.year });
                    table.ForeignKey(
                        name: "fk_indicator_values_countries_country_iso3",
                        column: x => x.country_iso3,
                        principalTable: "countries",
                        principalColumn: "iso3",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_indicator_values_indicators_indicator_code",
                        column: x => x.indicator_code,
                        principalTable: "indicators",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_commitments_indicator_code",
                table: "commitments",
                column: "indicator_code");

            migrationBuilder.CreateIndex(
                name: "ix_indicator_values_country_iso3",
                table: "indicator_values",
                column: "country_iso3");

            migrationBuilder.AddForeignKey(
                name: "fk_commitments_indicators_indicator_code",
                table: "commitments",
                column: "indicator_code",
                principalTable: "indicators",
                principalColumn: "code",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_commitments_indicators_indicator_code",
                table: "commitments");

            migrationBuilder.DropTable(
                name: "indicator_values");

            migrationBuilder.DropTable(
                name: "indicators");

            migrationBuilder.DropIndex(
                name: "ix_commitments_indicator_code",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "indicator_code",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "indicator_target",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "indicator_target_year",
                table: "commitments");
        }
    }
}
