namespace Dce.ClusterSearch.Infrastructure;

/// <summary>
/// The index table: one row per object, keyed by cluster, group, resource, namespace (empty when cluster-scoped) and
/// name, with the columns searches filter and order by, and the object itself as JSONB.
/// </summary>
internal static class ResourceIndexSql
{
    public const string Create = """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE TABLE resources (
            cluster text NOT NULL,
            "group" text NOT NULL,
            version text NOT NULL,
            resource text NOT NULL,
            kind text NOT NULL,
            namespace text NOT NULL,
            name text NOT NULL,
            uid text NOT NULL,
            resource_version text NOT NULL,
            labels jsonb NOT NULL,
            owner_uid text NULL,
            owner_name text NULL,
            created_at timestamptz NULL,
            object jsonb NOT NULL,
            synced_at timestamptz NOT NULL,
            CONSTRAINT pk_resources PRIMARY KEY ("group", resource, cluster, namespace, name)
        );
        CREATE INDEX ix_resources_cluster ON resources (cluster, "group", resource);
        CREATE INDEX ix_resources_namespace_name ON resources ("group", resource, namespace, name);
        CREATE INDEX ix_resources_name ON resources ("group", resource, name);
        CREATE INDEX ix_resources_created_at ON resources ("group", resource, created_at);
        CREATE INDEX ix_resources_owner_uid ON resources (owner_uid) WHERE owner_uid IS NOT NULL;
        CREATE INDEX ix_resources_labels ON resources USING gin (labels);
        CREATE INDEX ix_resources_name_trgm ON resources USING gin (name gin_trgm_ops);
        """;

    public const string Drop = "DROP TABLE IF EXISTS resources;";
}
