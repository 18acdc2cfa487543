using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WsisTracker.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class CollectiveStakeholders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_collective",
                table: "stakeholders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // A government stakeholder without a country stood for several governments together ("Member States",
            // seeded so); it becomes collective, and the rule of decision 133 then holds for every row.
            migrationBuilder.Sql("UPDATE stakeholders SET is_collective = true WHERE \"group\" = 'Governments' AND country_code IS NULL;");

            migrationBuilder.AddCheckConstraint(
                name: "ck_stakeholders_collective_names_no_country",
                table: "stakeholders",
                sql: "NOT is_collective OR country_code IS NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_stakeholders_government_names_country",
                table: "stakeholders",
                sql: "\"group\" <> 'Governments' OR is_collective OR country_code IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_stakeholders_collective_names_no_country",
                table: "stakeholders");

            migrationBuilder.DropCheckConstraint(
                name: "ck_stakeholders_government_names_country",
                table: "stakeholders");

            migrationBuilder.DropColumn(
                name: "is_collective",
                table: "stakeholders");
        }
    }
}
