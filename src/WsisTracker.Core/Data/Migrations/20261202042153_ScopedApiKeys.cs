using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WsisTracker.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScopedApiKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "stakeholder_id",
                table: "api_keys",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_stakeholder_id",
                table: "api_keys",
                column: "stakeholder_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_api_keys_contributor_stakeholder",
                table: "api_keys",
                sql: "(role = 'Contributor') = (stakeholder_id IS NOT NULL)");

            migrationBuilder.AddForeignKey(
                name: "fk_api_keys_stakeholders_stakeholder_id",
                table: "api_keys",
                column: "stakeholder_id",
                principalTable: "stakeholders",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_api_keys_stakeholders_stakeholder_id",
                table: "api_keys");

            migrationBuilder.DropIndex(
                name: "ix_api_keys_stakeholder_id",
                table: "api_keys");

            migrationBuilder.DropCheckConstraint(
                name: "ck_api_keys_contributor_stakeholder",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "stakeholder_id",
                table: "api_keys");
        }
    }
}
