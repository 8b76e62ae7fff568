using System.Net.Http.Json;
using System.Text.Json;
using Dce.ClusterSearch.Sync;
using Dce.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dce.ClusterSearch.Tests;

/// <summary>The periodic reconcile from the clusters table: one broken cluster never holds up the others, and a removal nobody saw still clears the index.</summary>
public sealed class SupervisorReconcileTests(ClusterEventsPlatform platform) : IClassFixture<ClusterEventsPlatform>
{
    [Fact]
    public async Task A_cluster_whose_kubeconfig_cannot_be_unsealed_shows_why_and_the_clusters_after_it_are_synced()
    {
        // Inserted first, so the table lists it before the good one.
        await ExecuteAsync("""
            INSERT INTO known_clusters ("Name", "Incarnation", "Provider", "ProtectedKubeconfig", "Phase", "UpdatedAt")
            VALUES ('aaa-unsealable', 1, 'aws', 'not a sealed kubeconfig', 'Running', now()),
                   ('delta', 1, 'aws', @kubeconfig, 'Running', now())
            """, platform.Integrated("delta", incarnation: 1).ProtectedKubeconfig);

        await Eventually.Until(async () => (await platform.SyncedTypesAsync("delta")).Count == ClusterSearchOptions.DefaultResources.Count,
            "delta synced by the reconcile");
        await Eventually.HoldsAsync(async () => (await StatusAsync("aaa-unsealable")).Any()
                && (await StatusAsync("aaa-unsealable")).All(s => s.State == "Stopped" && s.Category == SyncFailure.KubeconfigRefused
                    && s.Message!.Contains("CryptographicException", StringComparison.Ordinal)),
            async () => "aaa-unsealable refused in status; now " + JsonSerializer.Serialize(await StatusAsync("aaa-unsealable")));
    }

    [Fact]
    public async Task Index_rows_and_status_of_a_cluster_absent_from_the_table_are_forgotten_and_the_others_stay()
    {
        await platform.DeliverAsync(platform.Integrated("epsilon", incarnation: 1));
        await Eventually.Until(async () => (await platform.SyncedTypesAsync("epsilon")).Count == ClusterSearchOptions.DefaultResources.Count
                && (await RowsOfAsync("epsilon")).Count > 0,
            "epsilon indexed");
        var epsilon = await RowsOfAsync("epsilon");

        // What a replica that died while syncing "ghost" leaves behind once ghost is removed: rows, set-aside objects, status.
        await ExecuteAsync("""
            CREATE TEMP TABLE ghost AS SELECT * FROM resources WHERE cluster = @kubeconfig;
            UPDATE ghost SET cluster = 'ghost';
            INSERT INTO resources SELECT * FROM ghost;
            INSERT INTO set_aside_objects (cluster, "group", resource, namespace, name, uid, resource_version, error_code, error, set_aside_at)
            VALUES ('ghost', '', 'configmaps', 'default', 'refused', 'u', '1', '22000', 'refused', now());
            """, "epsilon");
        var registry = platform.Search.Services.GetRequiredService<SyncStatusRegistry>();
        var shared = platform.Search.Services.GetRequiredService<SharedSyncStatus>();
        registry.For("ghost", ClusterSearchOptions.DefaultResources[0]).State = SyncState.Watching;
        await shared.PublishAsync("ghost");
        Assert.NotEmpty(await RowsOfAsync("ghost"));

        await Eventually.HoldsAsync(async () => (await RowsOfAsync("ghost")).Count == 0
                && !registry.All.Any(s => s.Cluster == "ghost") && !(await shared.ClustersAsync()).Contains("ghost")
                && (long)(await platform.ScalarAsync("SELECT count(*) FROM set_aside_objects WHERE cluster = @value", "ghost"))! == 0,
            async () => $"ghost forgotten; {(await RowsOfAsync("ghost")).Count} rows left, status in Redis: {(await shared.ClustersAsync()).Contains("ghost")}");
        // Namespaces and nodes stay put in a simulated cluster; events and pods come and go by themselves.
        var now = (await RowsOfAsync("epsilon")).ToHashSet();
        var lost = epsilon.Where(Settled).Where(row => !now.Contains(row)).ToList();
        Assert.True(lost.Count == 0, "epsilon lost " + string.Join(", ", lost));
    }

    private static bool Settled(string row) => row.Contains("||namespaces|", StringComparison.Ordinal) || row.Contains("||nodes|", StringComparison.Ordinal);

    private async Task<List<string>> RowsOfAsync(string cluster) =>
        [.. (await platform.Search.IndexAsync()).Keys.Where(k => k.StartsWith($"{cluster}|", StringComparison.Ordinal))];

    private async Task<IEnumerable<StatusRow>> StatusAsync(string cluster)
    {
        using var client = platform.AdminClient();
        var status = await client.GetFromJsonAsync<JsonElement>("/apis/clusterpedia.io/v1beta1/syncstatus");
        return [.. status.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("cluster").GetString() == cluster)
            .Select(i => new StatusRow(i.GetProperty("state").GetString()!,
                i.TryGetProperty("errorCategory", out var c) ? c.GetString() : null,
                i.TryGetProperty("message", out var m) ? m.GetString() : null))];
    }

    private async Task ExecuteAsync(string sql, string value)
    {
        await using var connection = new NpgsqlConnection(platform.Search.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("kubeconfig", value);
        await command.ExecuteNonQueryAsync();
    }

    private sealed record StatusRow(string State, string? Category, string? Message);
}
