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
            migrationBuilder.CreateSequence(
                name: "cluster_incarnations");

            migrationBuilder.AddColumn<long>(
                name: "Incarnation",
                table: "clusters",
                type: "bigint",
                nullable: false,
                defaultValueSql: "nextval('cluster_incarnations')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Incarnation",
                table: "clusters");

            migrationBuilder.DropSequence(
                name: "cluster_incarnations");
        }
    }
}
