using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dce.GlobalManagement.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class RoleExclusions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Exclusions",
                table: "roles",
                type: "jsonb",
                nullable: true);

            // Custom roles made before exclusions existed exclude nothing; built-in roles get theirs at the next start.
            migrationBuilder.Sql("UPDATE roles SET \"Exclusions\" = '[]'::jsonb WHERE \"Exclusions\" IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Exclusions",
                table: "roles");
        }
    }
}
