using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WsisTracker.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class GeographicScope : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "scope_countries",
                table: "commitments",
                type: "character varying(3)[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "scope_kind",
                table: "commitments",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Global");

            migrationBuilder.AddColumn<List<string>>(
                name: "scope_regions",
                table: "commitments",
                type: "character varying(3)[]",
                nullable: false,
                defaultValueSql: "'{}'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "scope_countries",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "scope_kind",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "scope_regions",
                table: "commitments");
        }
    }
}
