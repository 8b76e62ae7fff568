using Dce.ClusterSearch.Model;
using Npgsql;
using NpgsqlTypes;

namespace Dce.ClusterSearch.Sync;

/// <summary>Bulk statements on the index: arrays passed once and unnested by PostgreSQL, one round trip per batch.</summary>
internal static class ResourceIndexStatements
{
    // An object's row never goes back to an older version of the same object (same uid, numeric resourceVersions, as every
    // API server built on etcd has): two replicas briefly syncing one cluster during a hand-over may write out of order.
    private const string Upsert = """
        INSERT INTO resources (cluster, "group", version, resource, kind, namespace, name, uid, resource_version,
                               labels, owner_uid, owner_name, created_at, object, synced_at)
        SELECT c, g, v, r, k, ns, n, u, rv, l::jsonb, ou, onm, ct, o::jsonb, now()
        FROM unnest(@c, @g, @v, @r, @k, @ns, @n, @u, @rv, @l, @ou, @onm, @ct, @o) AS t(c, g, v, r, k, ns, n, u, rv, l, ou, onm, ct, o)
        ON CONFLICT ("group", resource, cluster, namespace, name) DO UPDATE SET
            version = excluded.version, kind = excluded.kind, uid = excluded.uid, resource_version = excluded.resource_version,
            labels = excluded.labels, owner_uid = excluded.owner_uid, owner_name = excluded.owner_name,
            created_at = excluded.created_at, object = excluded.object, synced_at = excluded.synced_at
        WHERE (resources.resource_version IS DISTINCT FROM excluded.resource_version OR resources.uid IS DISTINCT FROM excluded.uid)
          AND NOT (resources.uid = excluded.uid AND CASE
                   WHEN resources.resource_version ~ '^[0-9]{1,18}$' AND excluded.resource_version ~ '^[0-9]{1,18}$'
                   THEN resources.resource_version::bigint > excluded.resource_version::bigint ELSE false END)
        """;

    private const string Delete = """
        DELETE FROM resources AS r
        USING unnest(@g, @r, @c, @ns, @n) AS k(g, r, c, ns, n)
        WHERE r."group" = k.g AND r.resource = k.r AND r.cluster = k.c AND r.namespace = k.ns AND r.name = k.n
        """;

    private const string Reconcile = """
        DELETE FROM resources AS r
        WHERE r."group" = @g AND r.resource = @r AND r.cluster = @c
          AND NOT EXISTS (SELECT 1 FROM unnest(@ns, @n) AS k(ns, n) WHERE k.ns = r.namespace AND k.n = r.name)
        """;

    // Returns the types it removed rows of, so their cached searches are dropped.
    private const string RetainTypes = """
        WITH gone AS (
            DELETE FROM resources AS r
            WHERE r.cluster = @c AND NOT EXISTS (SELECT 1 FROM unnest(@g, @r) AS k(g, r) WHERE k.g = r."group" AND k.r = r.resource)
            RETURNING r."group", r.version, r.resource, r.kind)
        SELECT "group", version, resource, kind, count(*) FROM gone GROUP BY "group", version, resource, kind
        """;

    public static async Task<int> UpsertAsync(NpgsqlConnection connection, IReadOnlyList<IndexedObject> objects, CancellationToken cancellationToken)
    {
        if (objects.Count == 0)
        {
            return 0;
        }

        await using var command = new NpgsqlCommand(Upsert, connection);
        command.Parameters.Add(Texts("c", objects, o => o.Cluster));
        command.Parameters.Add(Texts("g", objects, o => o.Type.Group));
        command.Parameters.Add(Texts("v", objects, o => o.Type.Version));
        command.Parameters.Add(Texts("r", objects, o => o.Type.Resource));
        command.Parameters.Add(Texts("k", objects, o => o.Type.Kind));
        command.Parameters.Add(Texts("ns", objects, o => o.Namespace));
        command.Parameters.Add(Texts("n", objects, o => o.Name));
        command.Parameters.Add(Texts("u", objects, o => o.Uid));
        command.Parameters.Add(Texts("rv", objects, o => o.ResourceVersion));
        command.Parameters.Add(Texts("l", objects, o => o.LabelsJson));
        command.Parameters.Add(Texts("ou", objects, o => o.OwnerUid));
        command.Parameters.Add(Texts("onm", objects, o => o.OwnerName));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?[]>("ct", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
        {
            TypedValue = [.. objects.Select(o => o.CreatedAt)],
        });
        command.Parameters.Add(Texts("o", objects, o => o.ObjectJson));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<int> DeleteAsync(NpgsqlConnection connection, IReadOnlyList<ObjectKey> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return 0;
        }

        await using var command = new NpgsqlCommand(Delete, connection);
        command.Parameters.Add(Texts("g", keys, k => k.Type.Group));
        command.Parameters.Add(Texts("r", keys, k => k.Type.Resource));
        command.Parameters.Add(Texts("c", keys, k => k.Cluster));
        command.Parameters.Add(Texts("ns", keys, k => k.Namespace));
        command.Parameters.Add(Texts("n", keys, k => k.Name));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<int> ReconcileAsync(NpgsqlConnection connection, ReconcileType reconcile, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Reconcile, connection);
        command.Parameters.AddWithValue("g", reconcile.Type.Group);
        command.Parameters.AddWithValue("r", reconcile.Type.Resource);
        command.Parameters.AddWithValue("c", reconcile.Cluster);
        command.Parameters.Add(Texts("ns", reconcile.Listed, k => k.Namespace));
        command.Parameters.Add(Texts("n", reconcile.Listed, k => k.Name));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<int> DeleteClusterAsync(NpgsqlConnection connection, string cluster, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("DELETE FROM resources WHERE cluster = @c", connection);
        command.Parameters.AddWithValue("c", cluster);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes the cluster's rows of every type but <paramref name="retain"/>'s; returns the types removed and how many rows.</summary>
    public static async Task<(List<ResourceType> Removed, int Rows)> RetainTypesAsync(NpgsqlConnection connection, RetainTypes retain, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RetainTypes, connection);
        command.Parameters.AddWithValue("c", retain.Cluster);
        command.Parameters.Add(Texts("g", retain.Types, t => t.Group));
        command.Parameters.Add(Texts("r", retain.Types, t => t.Resource));
        var removed = new List<ResourceType>();
        var rows = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            removed.Add(new ResourceType(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), false));
            rows += (int)reader.GetInt64(4);
        }

        return (removed, rows);
    }

    private static NpgsqlParameter<string?[]> Texts<T>(string name, IEnumerable<T> rows, Func<T, string?> value) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. rows.Select(value)] };
}
