using System.Net.Http.Json;
using System.Text.Json;
using Dce.ServiceDefaults.EventBus;
using Dce.ServiceDefaults.EventBus.Contracts;
using Dce.Testing;
using Dce.Testing.KubeSim;
using Npgsql;

namespace Dce.ClusterSearch.Tests;

/// <summary>Events about a cluster may arrive late or again: none of them brings a removed cluster or its credentials back.</summary>
[Trait("Category", "Security")]
public sealed class ClusterEventOrderTests : IAsyncLifetime
{
    private const string Cluster = "delta";
    private SimulatedClusters _clusters = null!;
    private readonly GlobalManagementHost _identity = new();
    private ClusterSearchHost _search = null!;
    private string _token = "";

    public async Task InitializeAsync()
    {
        _clusters = await SimulatedClusters.StartAsync([Cluster], workerNodes: 1);
        await _identity.InitializeAsync();
        _ = _identity.Server;
        _token = await _identity.LoginAsync(GlobalManagementHost.AdminName, GlobalManagementHost.AdminPassword);
        _search = await ClusterSearchHost.StartAsync(_identity);
    }

    public async Task DisposeAsync()
    {
        await _search.DisposeAsync();
        await _identity.DisposeAsync();
        await _clusters.DisposeAsync();
    }

    [Fact]
    public async Task A_cluster_integrated_event_delivered_after_its_removal_is_ignored_and_a_later_join_syncs_again()
    {
        var removed = new ClusterRemoved(Cluster, Incarnation: 7);
        var late = Integrated(incarnation: 7);
        var older = Integrated(incarnation: 6);

        await DeliverAsync(removed, late, older);

        Assert.False(await IsKnownAsync());
        Assert.Empty(await SyncedTypesAsync());

        await DeliverAsync(Integrated(incarnation: 8));

        await Eventually.Until(async () => (await SyncedTypesAsync()).Count > 0, "the re-joined cluster syncing");
        Assert.True(await IsKnownAsync());
    }

    [Fact]
    public async Task A_late_removal_of_an_older_join_leaves_the_current_join_alone()
    {
        await DeliverAsync(Integrated(incarnation: 3), new ClusterRemoved(Cluster, Incarnation: 2));

        Assert.True(await IsKnownAsync());
        await Eventually.Until(async () => (await SyncedTypesAsync()).Count > 0, "the current join syncing");
    }

    private ClusterIntegrated Integrated(long incarnation) =>
        new(Cluster, "aws", "region-1", _search.Protector.Protect(_clusters.Kubeconfig(Cluster)), incarnation);

    /// <summary>Publishes the events in this order and waits until the module has handled each.</summary>
    private async Task DeliverAsync(params IntegrationEvent[] events)
    {
        foreach (var integrationEvent in events)
        {
            await _search.PublishAsync(integrationEvent);
        }

        var ids = events.Select(e => e.Id).ToArray();
        await Eventually.Until(async () => await HandledAsync(ids) == ids.Length, $"{ids.Length} events handled");
    }

    private async Task<long> HandledAsync(Guid[] ids) =>
        (long)(await ScalarAsync("SELECT count(*) FROM event_bus_inbox WHERE message_id = ANY(@ids)", ("ids", ids)))!;

    private async Task<bool> IsKnownAsync() =>
        (long)(await ScalarAsync("SELECT count(*) FROM known_clusters WHERE \"Name\" = @name", ("name", Cluster)))! > 0;

    private async Task<List<string>> SyncedTypesAsync()
    {
        using var client = _search.ClientWithToken(_token);
        var status = await client.GetFromJsonAsync<JsonElement>("/apis/clusterpedia.io/v1beta1/syncstatus");
        return [.. status.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("cluster").GetString() == Cluster && i.GetProperty("state").GetString() != "Stopped")
            .Select(i => i.GetProperty("resource").GetString()!)];
    }

    private async Task<object?> ScalarAsync(string sql, (string Name, object Value) parameter)
    {
        await using var connection = new NpgsqlConnection(_search.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        return await command.ExecuteScalarAsync();
    }
}
