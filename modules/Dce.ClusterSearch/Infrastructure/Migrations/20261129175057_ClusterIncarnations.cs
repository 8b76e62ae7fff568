using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dce.ClusterSearch.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ClusterIncarnations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Incarnation",
                table: "known_clusters",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "removed_clusters",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    Incarnation = table.Column<long>(type: "bigint", nullable: false),
                    RemovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_removed_clusters", x => x.Name);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "removed_clusters");

            migrationBuilder.DropColumn(
                name: "Incarnation",
                table: "known_clusters");
        }
    }
}
