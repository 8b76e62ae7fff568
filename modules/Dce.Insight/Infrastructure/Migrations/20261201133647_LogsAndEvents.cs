using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dce.Insight.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class LogsAndEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;

                CREATE TABLE insight_log_lines (
                    id bigserial NOT NULL,
                    time timestamptz NOT NULL,
                    cluster text NOT NULL,
                    namespace text NOT NULL,
                    pod text NOT NULL,
                    container text NOT NULL,
                    workload_kind text NULL,
                    workload_name text NULL,
                    node text NULL,
                    stream text NOT NULL,
                    message text NOT NULL,
                    PRIMARY KEY (time, id)
                ) PARTITION BY RANGE (time);
                CREATE INDEX ix_insight_log_lines_scope ON insight_log_lines (cluster, namespace, time DESC);
                CREATE INDEX ix_insight_log_lines_container ON insight_log_lines (cluster, namespace, pod, container, time DESC);
                CREATE INDEX ix_insight_log_lines_id ON insight_log_lines (id);
                CREATE INDEX ix_insight_log_lines_message ON insight_log_lines USING gin (message gin_trgm_ops);

                CREATE TABLE insight_events (
                    cluster text NOT NULL,
                    uid text NOT NULL,
                    name text NOT NULL,
                    namespace text NOT NULL,
                    first_time timestamptz NOT NULL,
                    last_time timestamptz NOT NULL,
                    count integer NOT NULL,
                    object_kind text NULL,
                    object_name text NULL,
                    reason text NULL,
                    type text NULL,
                    message text NULL,
                    source_component text NULL,
                    source_host text NULL,
                    PRIMARY KEY (cluster, uid, first_time)
                ) PARTITION BY RANGE (first_time);
                CREATE INDEX ix_insight_events_scope ON insight_events (cluster, namespace, last_time DESC);
                CREATE INDEX ix_insight_events_reason ON insight_events (cluster, reason, object_kind);
                CREATE INDEX ix_insight_events_message ON insight_events USING gin (message gin_trgm_ops);

                -- One partition per UTC day, named <table>_YYYYMMDD; creating one twice at once (two replicas) is not an error.
                CREATE FUNCTION insight_ensure_day_partition(parent text, day date) RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                        parent || '_' || to_char(day, 'YYYYMMDD'), parent, day::text || ' 00:00:00+00', (day + 1)::text || ' 00:00:00+00');
                EXCEPTION WHEN duplicate_table OR unique_violation THEN
                    NULL;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS insight_ensure_day_partition(text, date);
                DROP TABLE IF EXISTS insight_events;
                DROP TABLE IF EXISTS insight_log_lines;
                """);
        }
    }
}
