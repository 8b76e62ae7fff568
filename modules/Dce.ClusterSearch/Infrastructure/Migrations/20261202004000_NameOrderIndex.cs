using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dce.ClusterSearch.Infrastructure.Migrations
{
    /// <summary>
    /// Searches ordered by name walk an index in their whole effective order (name, then the key's cluster and
    /// namespace), so a page stops after its limit instead of sorting every candidate. It replaces the index on
    /// (group, resource, name), whose every use it also serves.
    /// </summary>
    public partial class NameOrderIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX ix_resources_name_order ON resources ("group", resource, name, cluster, namespace);
                DROP INDEX ix_resources_name;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX ix_resources_name ON resources ("group", resource, name);
                DROP INDEX ix_resources_name_order;
                """);
        }
    }
}
