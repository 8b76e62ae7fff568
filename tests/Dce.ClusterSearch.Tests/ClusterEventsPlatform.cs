using System.Net.Http.Json;
using System.Text.Json;
using Dce.EventBus;
using Dce.Platform.Contracts.IntegrationEvents;
using Dce.Testing;
using Dce.Testing.Hosts;
using Dce.Testing.KubeSim;
using Npgsql;

namespace Dce.ClusterSearch.Tests;

/// <summary>Cluster Search with two simulated clusters it has not been told about, receiving events in the order a test publishes them.</summary>
public sealed class ClusterEventsPlatform : IAsyncLifetime
{
    public static readonly string[] ClusterNames = ["delta", "epsilon"];
    private readonly GlobalManagementHost _identity = new() { RedisDatabase = GlobalManagementHost.StampDatabase, MinimumLogLevel = null };
    private SimulatedClusters _clusters = null!;
    private ClusterSearchHost _search = null!;
    private string _token = "";

    public async Task InitializeAsync()
    {
        _clusters = await SimulatedClusters.StartAsync(ClusterNames, workerNodes: 1);
        await _identity.InitializeAsync();
        _ = _identity.Server;
        _token = await _identity.LoginAsync(GlobalManagementHost.AdminName, GlobalManagementHost.AdminPassword);
        _search = await ClusterSearchHost.StartAsync(_identity);
        await WaitUntilConsumingAsync();
    }

    public async Task DisposeAsync()
    {
        await _search.DisposeAsync();
        await _identity.DisposeAsync();
        await _clusters.DisposeAsync();
    }

    public ClusterSearchHost Search => _search;

    public ClusterIntegrated Integrated(string cluster, long incarnation, string? kubeconfig = null) =>
        new(cluster, "aws", "region-1", _search.Protector.Protect(kubeconfig ?? _clusters.Kubeconfig(cluster)), incarnation);

    /// <summary>Publishes the events in this order and waits until the module has handled each.</summary>
    public async Task DeliverAsync(params IntegrationEvent[] events)
    {
        foreach (var integrationEvent in events)
        {
            await _search.PublishAsync(integrationEvent);
        }

        var ids = events.Select(e => e.Id).ToArray();
        await Eventually.Until(async () => await HandledAsync(ids) == ids.Length, $"{ids.Length} events handled");
    }

    public async Task<bool> IsKnownAsync(string cluster) =>
        (long)(await ScalarAsync("SELECT count(*) FROM known_clusters WHERE \"Name\" = @value", cluster))! > 0;

    public HttpClient AdminClient() => _search.ClientWithToken(_token);

    /// <summary>The resource types of <paramref name="cluster"/> being synced.</summary>
    public async Task<List<string>> SyncedTypesAsync(string cluster)
    {
        using var client = _search.ClientWithToken(_token);
        var status = await client.GetFromJsonAsync<JsonElement>("/apis/clusterpedia.io/v1beta1/syncstatus");
        return [.. status.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("cluster").GetString() == cluster && i.GetProperty("state").GetString() != "Stopped")
            .Select(i => i.GetProperty("resource").GetString()!)];
    }

    /// <summary>
    /// An event published before the module's queue is bound is dropped by the exchange: publish a harmless one (about a
    /// cluster nobody joined) until one is handled.
    /// </summary>
    private async Task WaitUntilConsumingAsync()
    {
        await Eventually.Until(async () =>
        {
            var probe = new ClusterHealthChanged("nobody", "Running", null, null);
            await _search.PublishAsync(probe);
            for (var wait = 0; wait < 20; wait++)
            {
                if (await HandledAsync([probe.Id]) == 1)
                {
                    return true;
                }

                await Task.Delay(100);
            }

            return false;
        }, "the module consuming events");
    }

    private async Task<long> HandledAsync(Guid[] ids) =>
        (long)(await ScalarAsync("SELECT count(*) FROM event_bus_inbox WHERE message_id = ANY(@value)", ids))!;

    public async Task<object?> ScalarAsync(string sql, object value)
    {
        await using var connection = new NpgsqlConnection(_search.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("value", value);
        return await command.ExecuteScalarAsync();
    }
}
