using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dce.GlobalManagement.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class RefreshTokenAuthenticatedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AuthenticatedAt",
                table: "refresh_tokens",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AuthenticatedAt",
                table: "refresh_tokens");
        }
    }
}
