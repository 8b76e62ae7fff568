using Npgsql;
using NpgsqlTypes;

namespace Dce.ClusterSearch.Sync;

/// <summary>The writer's statements on <c>set_aside_objects</c>, in the same transaction as the index rows they concern.</summary>
internal static class SetAsideStatements
{
    private const string SetAside = """
        INSERT INTO set_aside_objects (cluster, "group", resource, namespace, name, uid, resource_version, error_code, error, set_aside_at)
        VALUES (@c, @g, @r, @ns, @n, @u, @rv, @code, @error, now())
        ON CONFLICT ("group", resource, cluster, namespace, name) DO UPDATE SET
            uid = excluded.uid, resource_version = excluded.resource_version, error_code = excluded.error_code,
            error = excluded.error, set_aside_at = excluded.set_aside_at
        """;

    private const string Clear = """
        DELETE FROM set_aside_objects AS s
        USING unnest(@g, @r, @c, @ns, @n) AS k(g, r, c, ns, n)
        WHERE s."group" = k.g AND s.resource = k.r AND s.cluster = k.c AND s.namespace = k.ns AND s.name = k.n
        """;

    private const string Reconcile = """
        DELETE FROM set_aside_objects AS s
        WHERE s."group" = @g AND s.resource = @r AND s.cluster = @c
          AND NOT EXISTS (SELECT 1 FROM unnest(@ns, @n) AS k(ns, n) WHERE k.ns = s.namespace AND k.n = s.name)
        """;

    /// <summary>Records that <paramref name="key"/> was refused; identity values the database would refuse too are made safe.</summary>
    public static async Task AddAsync(NpgsqlConnection connection, ObjectKey key, string uid, string resourceVersion, IndexRefusal refusal,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SetAside, connection);
        command.Parameters.AddWithValue("c", Safe(key.Cluster));
        command.Parameters.AddWithValue("g", Safe(key.Type.Group));
        command.Parameters.AddWithValue("r", Safe(key.Type.Resource));
        command.Parameters.AddWithValue("ns", Safe(key.Namespace));
        command.Parameters.AddWithValue("n", Safe(key.Name));
        command.Parameters.AddWithValue("u", Safe(uid));
        command.Parameters.AddWithValue("rv", Safe(resourceVersion));
        command.Parameters.AddWithValue("code", refusal.Code);
        command.Parameters.AddWithValue("error", Safe(refusal.Message));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Objects written or deleted are no longer set aside.</summary>
    public static async Task ClearAsync(NpgsqlConnection connection, IReadOnlyList<ObjectKey> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(Clear, connection);
        command.Parameters.Add(Texts("g", keys, k => k.Type.Group));
        command.Parameters.Add(Texts("r", keys, k => k.Type.Resource));
        command.Parameters.Add(Texts("c", keys, k => k.Cluster));
        command.Parameters.Add(Texts("ns", keys, k => k.Namespace));
        command.Parameters.Add(Texts("n", keys, k => k.Name));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A full list ended: set-aside objects of the type it no longer has are gone from the cluster.</summary>
    public static async Task ReconcileAsync(NpgsqlConnection connection, ReconcileType reconcile, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Reconcile, connection);
        command.Parameters.AddWithValue("g", reconcile.Type.Group);
        command.Parameters.AddWithValue("r", reconcile.Type.Resource);
        command.Parameters.AddWithValue("c", reconcile.Cluster);
        command.Parameters.Add(Texts("ns", reconcile.Listed, k => k.Namespace));
        command.Parameters.Add(Texts("n", reconcile.Listed, k => k.Name));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task DeleteClusterAsync(NpgsqlConnection connection, string cluster, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("DELETE FROM set_aside_objects WHERE cluster = @c", connection);
        command.Parameters.AddWithValue("c", cluster);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The cluster's set-aside objects of types no longer synced go with their rows.</summary>
    public static async Task RetainTypesAsync(NpgsqlConnection connection, RetainTypes retain, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            DELETE FROM set_aside_objects AS s
            WHERE s.cluster = @c AND NOT EXISTS (SELECT 1 FROM unnest(@g, @r) AS k(g, r) WHERE k.g = s."group" AND k.r = s.resource)
            """, connection);
        command.Parameters.AddWithValue("c", retain.Cluster);
        command.Parameters.Add(Texts("g", retain.Types, t => t.Group));
        command.Parameters.Add(Texts("r", retain.Types, t => t.Resource));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // PostgreSQL text holds no U+0000; a name carrying one is recorded with it replaced, so the refusal itself lands.
    private static string Safe(string value) => value.Replace('\0', '\uFFFD');

    private static NpgsqlParameter<string?[]> Texts<T>(string name, IEnumerable<T> rows, Func<T, string?> value) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. rows.Select(value)] };
}
