using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dce.Insight.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Traces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Spans are partitioned by day (TracePartitions creates each day and the retention job drops whole days).
            migrationBuilder.Sql("""
                CREATE TABLE trace_spans (
                    trace_id bytea NOT NULL,
                    span_id bytea NOT NULL,
                    parent_span_id bytea NULL,
                    service text NOT NULL,
                    operation text NOT NULL,
                    kind smallint NOT NULL,
                    start_time timestamptz NOT NULL,
                    duration_ns bigint NOT NULL,
                    status_code smallint NOT NULL,
                    status_message text NULL,
                    attributes jsonb NOT NULL,
                    events jsonb NOT NULL,
                    resource jsonb NOT NULL,
                    cluster text NULL,
                    namespace text NULL
                ) PARTITION BY RANGE (start_time);
                CREATE INDEX ix_trace_spans_trace_id ON trace_spans (trace_id, span_id);
                CREATE INDEX ix_trace_spans_service_start ON trace_spans (service, start_time);
                CREATE INDEX ix_trace_spans_scope_start ON trace_spans (cluster, namespace, start_time);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS trace_spans;");
        }
    }
}
