using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WsisTracker.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ContributorReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "progress_reports",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    commitment_id = table.Column<int>(type: "integer", nullable: false),
                    stakeholder_id = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    progress_percent = table.Column<int>(type: "integer", nullable: true),
                    narrative = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    evidence_links = table.Column<List<string>>(type: "text[]", nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    countries = table.Column<List<string>>(type: "text[]", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    review_comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    progress_update_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_progress_reports", x => x.id);
                    table.CheckConstraint("ck_progress_reports_progress_percent", "progress_percent BETWEEN 0 AND 100");
                    table.ForeignKey(
                        name: "fk_progress_reports_commitments_commitment_id",
                        column: x => x.commitment_id,
                        principalTable: "commitments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_progress_reports_progress_updates_progress_update_id",
                        column: x => x.progress_update_id,
                        principalTable: "progress_updates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_progress_reports_stakeholders_stakeholder_id",
                        column: x => x.stakeholder_id,
                        principalTable: "stakeholders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "staff_user_stakeholders",
                columns: table => new
                {
                    staff_user_id = table.Column<string>(type: "text", nullable: false),
                    stakeholder_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_user_stakeholders", x => new { x.staff_user_id, x.stakeholder_id });
                    table.ForeignKey(
                        name: "fk_staff_user_stakeholders_staff_users_staff_user_id",
                        column: x => x.staff_user_id,
                        principalTable: "staff_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_staff_user_stakeholders_stakeholders_stakeholder_id",
                        column: x => x.stakeholder_id,
                        principalTable: "stakeholders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "progress_report_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    report_id = table.Column<int>(type: "integer", nullable: false),
                    from = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    to = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    actor_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_progress_report_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_progress_report_events_progress_reports_report_id",
                        column: x => x.report_id,
                        principalTable: "progress_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "progress_report_revisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    report_id = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    progress_percent = table.Column<int>(type: "integer", nullable: true),
                    narrative = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    evidence_links = table.Column<List<string>>(type: "text[]", nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    countries = table.Column<List<string>>(type: "text[]", nullable: false),
                    author = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_progress_report_revisions", x => x.id);
                    table.CheckConstraint("ck_progress_report_revisions_progress_percent", "progress_percent BETWEEN 0 AND 100");
                    table.ForeignKey(
                        name: "fk_progress_report_revisions_progress_reports_report_id",
                        column: x => x.report_id,
                        principalTable: "progress_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "staff_roles",
                columns: new[] { "id", "concurrency_stamp", "name", "normalized_name" },
                values: new object[] { "contributor", "contributor", "Contributor", "CONTRIBUTOR" });

            migrationBuilder.CreateIndex(
                name: "ix_progress_report_events_report_id",
                table: "progress_report_events",
                column: "report_id");

            migrationBuilder.CreateIndex(
                name: "ix_progress_report_revisions_report_id_number",
                table: "progress_report_revisions",
                columns: new[] { "report_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_one_open_per_stakeholder",
                table: "progress_reports",
                columns: new[] { "commitment_id", "stakeholder_id" },
                unique: true,
                filter: "state IN ('Draft', 'Submitted', 'Returned')");

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_progress_update_id",
                table: "progress_reports",
                column: "progress_update_id");

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_stakeholder_id",
                table: "progress_reports",
                column: "stakeholder_id");

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_state_submitted_at",
                table: "progress_reports",
                columns: new[] { "state", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_staff_user_stakeholders_stakeholder_id",
                table: "staff_user_stakeholders",
                column: "stakeholder_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "progress_report_events");

            migrationBuilder.DropTable(
                name: "progress_report_revisions");

            migrationBuilder.DropTable(
                name: "staff_user_stakeholders");

            migrationBuilder.DropTable(
                name: "progress_reports");

            migrationBuilder.DeleteData(
                table: "staff_roles",
                keyColumn: "id",
                keyValue: "contributor");
        }
    }
}
