using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WsisTracker.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class VoluntaryCommitments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_voluntary",
                table: "commitments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "proposed_by_stakeholder_id",
                table: "commitments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "published_at",
                table: "commitments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_commitments_proposed_by_stakeholder_id",
                table: "commitments",
                column: "proposed_by_stakeholder_id");

            migrationBuilder.AddForeignKey(
                name: "fk_commitments_stakeholders_proposed_by_stakeholder_id",
                table: "commitments",
                column: "proposed_by_stakeholder_id",
                principalTable: "stakeholders",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_commitments_stakeholders_proposed_by_stakeholder_id",
                table: "commitments");

            migrationBuilder.DropIndex(
                name: "ix_commitments_proposed_by_stakeholder_id",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "is_voluntary",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "proposed_by_stakeholder_id",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "published_at",
                table: "commitments");
        }
    }
}
