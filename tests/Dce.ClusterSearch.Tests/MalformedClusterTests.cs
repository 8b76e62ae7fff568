using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;
using k8s;
using k8s.Models;

namespace Dce.ClusterSearch.Tests;

/// <summary>A cluster answering malformed documents shows as failing and never stops the sync of the others.</summary>
[Trait("Category", "Security")]
public sealed class MalformedClusterTests(SearchPlatform platform) : IClassFixture<SearchPlatform>
{
    [Fact]
    public async Task A_cluster_serving_malformed_lists_and_events_retries_in_status_while_the_others_keep_syncing()
    {
        await using var impostor = await ImpostorCluster.StartAsync();
        await platform.IntegrateAsync("impostor", impostor.Kubeconfig);

        await Eventually.HoldsAsync(async () =>
        {
            var states = await StatesAsync("impostor");
            return states.TryGetValue("configmaps", out var maps) && maps.State == "Retrying" && maps.Failures > 0 && maps.Category == "MalformedResponse"
                && states.TryGetValue("pods", out var pods) && pods.Failures > 0 && pods.Category == "MalformedResponse"
                && states.TryGetValue("services", out var services) && services.Failures > 0 && services.Category == "EventTooLarge";
        }, async () => "impostor's configmaps, pods and services failing in status; now " + JsonSerializer.Serialize(await StatesAsync("impostor")));

        const string ns = "after-impostor";
        var gamma = platform.Clusters.Client("gamma");
        await new ClusterChurn(gamma, ns).EnsureNamespaceAsync();
        await gamma.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "still-synced" }, Data = new Dictionary<string, string> { ["v"] = "1" } }, ns);
        await Eventually.Until(async () => (await platform.Search.IndexAsync()).ContainsKey($"gamma||configmaps|{ns}|still-synced"),
            "gamma's new ConfigMap indexed");
    }

    private async Task<Dictionary<string, SyncRow>> StatesAsync(string cluster)
    {
        var status = await platform.AdminClient().GetFromJsonAsync<JsonElement>("/apis/clusterpedia.io/v1beta1/syncstatus");
        return status.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("cluster").GetString() == cluster)
            .ToDictionary(i => i.GetProperty("resource").GetString()!, i => new SyncRow(
                i.GetProperty("state").GetString()!,
                i.TryGetProperty("failures", out var f) ? f.GetInt64() : 0,
                i.TryGetProperty("errorCategory", out var c) ? c.GetString() : null));
    }

    public sealed record SyncRow(string State, long Failures, string? Category);
}
