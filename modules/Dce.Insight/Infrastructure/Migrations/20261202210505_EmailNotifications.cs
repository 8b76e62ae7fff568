using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dce.Insight.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class EmailNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EmailBody",
                table: "alert_message_templates",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmailSubject",
                table: "alert_message_templates",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EmailBody",
                table: "alert_message_templates");

            migrationBuilder.DropColumn(
                name: "EmailSubject",
                table: "alert_message_templates");
        }
    }
}
