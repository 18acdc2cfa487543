using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WsisTracker.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class PublicAuthors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "reporting_stakeholder_id",
                table: "progress_updates",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_progress_updates_reporting_stakeholder_id",
                table: "progress_updates",
                column: "reporting_stakeholder_id");

            migrationBuilder.AddForeignKey(
                name: "fk_progress_updates_stakeholders_reporting_stakeholder_id",
                table: "progress_updates",
                column: "reporting_stakeholder_id",
                principalTable: "stakeholders",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_progress_updates_stakeholders_reporting_stakeholder_id",
                table: "progress_updates");

            migrationBuilder.DropIndex(
                name: "ix_progress_updates_reporting_stakeholder_id",
                table: "progress_updates");

            migrationBuilder.DropColumn(
                name: "reporting_stakeholder_id",
                table: "progress_updates");
        }
    }
}
