using Dce.ClusterSearch.Model;
using Npgsql;
using NpgsqlTypes;

namespace Dce.ClusterSearch.Sync;

/// <summary>Bulk statements on the index: rows copied in or keys passed as arrays once, a few round trips per batch whatever its size.</summary>
internal static class ResourceIndexStatements
{
    // Rows arrive by binary COPY into a table of the transaction, then land in one statement: COPY sends each value once
    // in PostgreSQL's own format, where parameters would be arrays built and unnested.
    private const string CreateIncoming = """
        CREATE TEMP TABLE IF NOT EXISTS incoming_resources (
            cluster text, "group" text, version text, resource text, kind text, namespace text, name text, uid text,
            resource_version text, labels jsonb, owner_uid text, owner_name text, created_at timestamptz, object jsonb
        ) ON COMMIT DROP
        """;

    private const string CopyIncoming = """
        COPY incoming_resources (cluster, "group", version, resource, kind, namespace, name, uid, resource_version,
                                 labels, owner_uid, owner_name, created_at, object) FROM STDIN (FORMAT BINARY)
        """;

    // An object's row never goes back to an older version of the same object (same uid, numeric resourceVersions, as every
    // API server built on etcd has): two replicas briefly syncing one cluster during a hand-over may write out of order.
    // The incoming rows are emptied in the same round trip, so the next flush of the transaction starts from none.
    private const string Upsert = """
        INSERT INTO resources (cluster, "group", version, resource, kind, namespace, name, uid, resource_version,
                               labels, owner_uid, owner_name, created_at, object, synced_at)
        SELECT cluster, "group", version, resource, kind, namespace, name, uid, resource_version,
               labels, owner_uid, owner_name, created_at, object, now()
        FROM incoming_resources
        ON CONFLICT ("group", resource, cluster, namespace, name) DO UPDATE SET
            version = excluded.version, kind = excluded.kind, uid = excluded.uid, resource_version = excluded.resource_version,
            labels = excluded.labels, owner_uid = excluded.owner_uid, owner_name = excluded.owner_name,
            created_at = excluded.created_at, object = excluded.object, synced_at = excluded.synced_at
        WHERE (resources.resource_version IS DISTINCT FROM excluded.resource_version OR resources.uid IS DISTINCT FROM excluded.uid)
          AND NOT (resources.uid = excluded.uid AND CASE
                   WHEN resources.resource_version ~ '^[0-9]{1,18}$' AND excluded.resource_version ~ '^[0-9]{1,18}$'
                   THEN resources.resource_version::bigint > excluded.resource_version::bigint ELSE false END);
        TRUNCATE incoming_resources
        """;

    private const string Delete = """
        DELETE FROM resources AS r
        USING unnest(@g, @r, @c, @ns, @n) AS k(g, r, c, ns, n)
        WHERE r."group" = k.g AND r.resource = k.r AND r.cluster = k.c AND r.namespace = k.ns AND r.name = k.n
        """;

    private const string KeysOfType = """
        SELECT namespace, name FROM resources WHERE "group" = @g AND resource = @r AND cluster = @c
        """;

    // Returns the types it removed rows of, so their cached searches are dropped.
    private const string RetainTypes = """
        WITH gone AS (
            DELETE FROM resources AS r
            WHERE r.cluster = @c AND NOT EXISTS (SELECT 1 FROM unnest(@g, @r) AS k(g, r) WHERE k.g = r."group" AND k.r = r.resource)
            RETURNING r."group", r.version, r.resource, r.kind)
        SELECT "group", version, resource, kind, count(*) FROM gone GROUP BY "group", version, resource, kind
        """;

    /// <summary>Writes <paramref name="objects"/> (at most one per key); answers how many rows were inserted or changed.</summary>
    public static async Task<int> UpsertAsync(NpgsqlConnection connection, IReadOnlyList<IndexedObject> objects, CancellationToken cancellationToken)
    {
        if (objects.Count == 0)
        {
            return 0;
        }

        await using (var create = new NpgsqlCommand(CreateIncoming, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var import = await connection.BeginBinaryImportAsync(CopyIncoming, cancellationToken))
        {
            foreach (var o in objects)
            {
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(o.Cluster, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(o.Type.Group, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(o.Type.Version, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(o.Type.Resource, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(o.Type.Kind, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(o.Namespace, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(o.Name, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(o.Uid, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(o.ResourceVersion, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(o.LabelsJson, NpgsqlDbType.Jsonb, cancellationToken);
                await WriteNullableAsync(import, o.OwnerUid, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(import, o.OwnerName, NpgsqlDbType.Text, cancellationToken);
                if (o.CreatedAt is { } createdAt)
                {
                    await import.WriteAsync(createdAt, NpgsqlDbType.TimestampTz, cancellationToken);
                }
                else
                {
                    await import.WriteNullAsync(cancellationToken);
                }

                await import.WriteAsync(o.ObjectJson, NpgsqlDbType.Jsonb, cancellationToken);
            }

            await import.CompleteAsync(cancellationToken);
        }

        await using var upsert = new NpgsqlCommand(Upsert, connection);
        return await upsert.ExecuteNonQueryAsync(cancellationToken);
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

    /// <remarks>
    /// The rows the list no longer has are told apart here, not by an anti-join in SQL: while an initial sync fills the
    /// table faster than its statistics follow, PostgreSQL estimated a handful of rows on each side and chose a nested
    /// loop, which compares every row of the cluster with every listed name (10,000 × 10,000 per cluster at a million).
    /// </remarks>
    public static async Task<int> ReconcileAsync(NpgsqlConnection connection, ReconcileType reconcile, CancellationToken cancellationToken)
    {
        var gone = new List<ObjectKey>();
        await using (var command = new NpgsqlCommand(KeysOfType, connection))
        {
            command.Parameters.AddWithValue("g", reconcile.Type.Group);
            command.Parameters.AddWithValue("r", reconcile.Type.Resource);
            command.Parameters.AddWithValue("c", reconcile.Cluster);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = (reader.GetString(0), reader.GetString(1));
                if (!reconcile.Listed.Contains(key))
                {
                    gone.Add(new ObjectKey(reconcile.Cluster, reconcile.Type, key.Item1, key.Item2));
                }
            }
        }

        return await DeleteAsync(connection, gone, cancellationToken);
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

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter import, string? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await import.WriteNullAsync(cancellationToken);
        }
        else
        {
            await import.WriteAsync(value, type, cancellationToken);
        }
    }

    private static NpgsqlParameter<string?[]> Texts<T>(string name, IEnumerable<T> rows, Func<T, string?> value) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. rows.Select(value)] };
}
