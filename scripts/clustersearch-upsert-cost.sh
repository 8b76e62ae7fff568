#!/usr/bin/env bash
# What Cluster Search's index costs PostgreSQL alone, without the sync or the writer's client side: 200,000 ConfigMap rows
# (100 clusters x 2,000, the benchmark's shape, ~1 KB objects) upserted in batches of 5,000 with the writer's statement,
# first with every index of the table, then without the trigram and label indexes, then with the primary key only.
# Starts a throwaway PostgreSQL 15 of the OS packages on a free port; run as root (the server runs as postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=/usr/lib/postgresql/15/bin
dir=$(mktemp -d /tmp/dce-upsert-cost-XXXX)
port=${PORT:-25998}
chown postgres "$dir"
su postgres -c "$bin/initdb -D $dir/data -A trust >/dev/null && $bin/pg_ctl -D $dir/data -o '-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir' -l $dir/log start >/dev/null"
trap 'su postgres -c "$bin/pg_ctl -D $dir/data stop -m fast >/dev/null"; rm -rf "$dir"' EXIT
psql_bench() { psql -q -h 127.0.0.1 -p "$port" -U postgres -d bench "$@"; }
psql -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE DATABASE bench"

# The table and its indexes as the migrations create them.
sed -n '/public const string Create = """/,/""";/p' modules/Dce.ClusterSearch/Infrastructure/ResourceIndexSql.cs | sed '1d;$d' \
  | sed 's/CREATE INDEX ix_resources_name ON resources ("group", resource, name);/CREATE INDEX ix_resources_name_order ON resources ("group", resource, name, cluster, namespace) INCLUDE (labels, created_at); CREATE INDEX ix_resources_cluster_name_order ON resources ("group", resource, cluster, name, namespace) INCLUDE (labels, created_at);/' \
  | psql_bench
psql_bench <<'SQL'
CREATE TABLE staging AS
SELECT 'bench-' || lpad((i / 2000)::text, 3, '0') AS cluster, ''::text AS "group", 'v1'::text AS version, 'configmaps'::text AS resource,
       'ConfigMap'::text AS kind, 'ns-' || ((i % 2000) / 100)::text AS namespace, 'cm-' || (i % 2000)::text AS name, md5(i::text) AS uid,
       (1000 + i)::text AS resource_version,
       jsonb_build_object('app', 'app-' || (i % 10), 'tier', CASE WHEN i % 2 = 0 THEN 'frontend' ELSE 'backend' END) AS labels,
       NULL::text AS owner_uid, NULL::text AS owner_name, now() AS created_at,
       jsonb_build_object('apiVersion', 'v1', 'kind', 'ConfigMap', 'metadata', jsonb_build_object('name', 'cm-' || (i % 2000),
           'namespace', 'ns-' || ((i % 2000) / 100), 'uid', md5(i::text), 'resourceVersion', (1000 + i)::text,
           'labels', jsonb_build_object('app', 'app-' || (i % 10))), 'data', jsonb_build_object('a', repeat('x', 400), 'b', repeat('y', 400))) AS object,
       i AS seq
FROM generate_series(0, 199999) AS i;
CREATE INDEX ON staging (seq);
SQL

upsert_all() {
  psql_bench -c "TRUNCATE resources"
  for b in $(seq 0 39); do
    cat <<SQL
BEGIN;
CREATE TEMP TABLE incoming_resources ON COMMIT DROP AS
  SELECT cluster, "group", version, resource, kind, namespace, name, uid, resource_version, labels, owner_uid, owner_name, created_at, object
  FROM staging WHERE seq >= $((b * 5000)) AND seq < $(((b + 1) * 5000));
INSERT INTO resources (cluster, "group", version, resource, kind, namespace, name, uid, resource_version, labels, owner_uid, owner_name, created_at, object, synced_at)
SELECT cluster, "group", version, resource, kind, namespace, name, uid, resource_version, labels, owner_uid, owner_name, created_at, object, now()
FROM incoming_resources
ON CONFLICT ("group", resource, cluster, namespace, name) DO UPDATE SET version = excluded.version, kind = excluded.kind, uid = excluded.uid,
  resource_version = excluded.resource_version, labels = excluded.labels, owner_uid = excluded.owner_uid, owner_name = excluded.owner_name,
  created_at = excluded.created_at, object = excluded.object, synced_at = excluded.synced_at
WHERE (resources.resource_version IS DISTINCT FROM excluded.resource_version OR resources.uid IS DISTINCT FROM excluded.uid)
  AND NOT (resources.uid = excluded.uid AND CASE WHEN resources.resource_version ~ '^[0-9]{1,18}$' AND excluded.resource_version ~ '^[0-9]{1,18}$'
           THEN resources.resource_version::bigint > excluded.resource_version::bigint ELSE false END);
COMMIT;
SQL
  done | (echo '\timing on'; cat) | psql_bench | awk -v what="$1" '/^Time/ {s += $2} END {printf "| %s | %.1f s | %.0f rows/s |\n", what, s / 1000, 200000 / (s / 1000)}'
}

echo "| indexes | 200,000 rows in 40 batches | rate |"
echo "| --- | --- | --- |"
upsert_all "all nine (primary key, cluster, namespace/name, the two name orders, created_at, owner, GIN labels, trigram name)"
psql_bench -c "DROP INDEX ix_resources_name_trgm; DROP INDEX ix_resources_labels"
upsert_all "without the GIN label and trigram name indexes"
psql_bench -c "DROP INDEX ix_resources_name_order; DROP INDEX ix_resources_cluster_name_order; DROP INDEX ix_resources_namespace_name; DROP INDEX ix_resources_created_at; DROP INDEX ix_resources_cluster; DROP INDEX ix_resources_owner_uid"
upsert_all "primary key only"
