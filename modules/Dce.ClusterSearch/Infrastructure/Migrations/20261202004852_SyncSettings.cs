using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dce.ClusterSearch.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SyncSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cluster_sync_settings",
                columns: table => new
                {
                    Cluster = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    Resources = table.Column<string>(type: "jsonb", nullable: false),
                    SyncAllCustomResources = table.Column<bool>(type: "boolean", nullable: false),
                    Revision = table.Column<Guid>(type: "uuid", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cluster_sync_settings", x => x.Cluster);
                });

            migrationBuilder.CreateTable(
                name: "synced_types",
                columns: table => new
                {
                    cluster = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    group = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    resource = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    version = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    kind = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    namespaced = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_synced_types", x => new { x.cluster, x.group, x.resource });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cluster_sync_settings");

            migrationBuilder.DropTable(
                name: "synced_types");
        }
    }
}
