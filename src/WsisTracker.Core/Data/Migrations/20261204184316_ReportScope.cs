using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WsisTracker.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReportScope : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<List<string>>(
                name: "countries",
                table: "progress_reports",
                type: "character varying(3)[]",
                nullable: false,
                oldClrType: typeof(List<string>),
                oldType: "text[]");

            migrationBuilder.AddColumn<string>(
                name: "scope_kind",
                table: "progress_reports",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Global");

            migrationBuilder.AddColumn<List<string>>(
                name: "scope_regions",
                table: "progress_reports",
                type: "character varying(3)[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AlterColumn<List<string>>(
                name: "countries",
                table: "progress_report_revisions",
                type: "character varying(3)[]",
                nullable: false,
                oldClrType: typeof(List<string>),
                oldType: "text[]");

            migrationBuilder.AddColumn<string>(
                name: "scope_kind",
                table: "progress_report_revisions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Global");

            migrationBuilder.AddColumn<List<string>>(
                name: "scope_regions",
                table: "progress_report_revisions",
                type: "character varying(3)[]",
                nullable: false,
                defaultValueSql: "'{}'");

            // Decision 131: a report stored before reports had a scope is national when it named countries.
            migrationBuilder.Sql("UPDATE progress_reports SET scope_kind = 'National' WHERE cardinality(countries) > 0;");
            migrationBuilder.Sql("UPDATE progress_report_revisions SET scope_kind = 'National' WHERE cardinality(countries) > 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "scope_kind",
                table: "progress_reports");

            migrationBuilder.DropColumn(
                name: "scope_regions",
                table: "progress_reports");

            migrationBuilder.DropColumn(
                name: "scope_kind",
                table: "progress_report_revisions");

            migrationBuilder.DropColumn(
                name: "scope_regions",
                table: "progress_report_revisions");

            migrationBuilder.AlterColumn<List<string>>(
                name: "countries",
                table: "progress_reports",
                type: "text[]",
                nullable: false,
                oldClrType: typeof(List<string>),
                oldType: "character varying(3)[]");

            migrationBuilder.AlterColumn<List<string>>(
                name: "countries",
                table: "progress_report_revisions",
                type: "text[]",
                nullable: false,
                oldClrType: typeof(List<string>),
                oldType: "character varying(3)[]");
        }
    }
}
