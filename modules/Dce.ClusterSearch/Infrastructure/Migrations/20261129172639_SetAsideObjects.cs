using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dce.ClusterSearch.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SetAsideObjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "set_aside_objects",
                columns: table => new
                {
                    cluster = table.Column<string>(type: "text", nullable: false),
                    group = table.Column<string>(type: "text", nullable: false),
                    resource = table.Column<string>(type: "text", nullable: false),
                    @namespace = table.Column<string>(name: "namespace", type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    uid = table.Column<string>(type: "text", nullable: false),
                    resource_version = table.Column<string>(type: "text", nullable: false),
                    error_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    set_aside_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_set_aside_objects", x => new { x.group, x.resource, x.cluster, x.@namespace, x.name });
                });

            migrationBuilder.CreateIndex(
                name: "IX_set_aside_objects_cluster_set_aside_at",
                table: "set_aside_objects",
                columns: new[] { "cluster", "set_aside_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "set_aside_objects");
        }
    }
}
