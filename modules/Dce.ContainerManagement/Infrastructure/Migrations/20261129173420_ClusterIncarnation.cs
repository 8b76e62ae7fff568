using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dce.ContainerManagement.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ClusterIncarnation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "Incarnation",
                table: "clusters",
                type: "uuid",
                nullable: false,
                // Clusters joined before incarnations existed each get their own.
                defaultValueSql: "gen_random_uuid()");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Incarnation",
                table: "clusters");
        }
    }
}
