using System.Text.Json.Nodes;
using static Dce.Testing.Contract.ContractWalk;
using Dce.Testing.Contract;

namespace Dce.ContainerManagement.Tests.Contract.Walks;

/// <summary>
/// Nodes: listed, summarized, read, read as JSON and replaced; a worker's labels, annotations and taints set from
/// DCE's bodies (and put back), its pods listed, cordoned and uncordoned, and last drained and uncordoned again.
/// </summary>
internal sealed class NodesWalk : IContractWalkStep
{
    public int Order => 90;

    public async Task RunAsync(ContractWalk walk, WalkTarget target)
    {
        var nodes = $"{target.ClusterPath}/nodes";
        var list = await walk.GetAsync($"{nodes}?pageSize=100");
        await walk.GetAsync($"{target.ClusterPath}/nodesummary");
        var worker = (list?["items"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(n => n["status"]?["roles"] is JsonArray roles && roles.Any(r => r?.GetValue<string>() == "WORKER"))
            .OrderByDescending(n => n["status"]?["podAllocated"]?.GetValue<int>() ?? 0)
            .Select(n => n["metadata"]?["name"]?.GetValue<string>())
            .FirstOrDefault() ?? throw new InvalidOperationException($"the cluster lists no worker node: {list?.ToJsonString()}");
        var node = $"{nodes}/{worker}";

        var described = await walk.GetAsync(node);
        var json = await walk.GetAsync($"{node}/json");
        if (json?["data"]?.GetValue<string>() is { } data && JsonNode.Parse(data) is JsonObject current)
        {
            current["metadata"]!["labels"]!["walk.dce.io/replaced"] = "yes";
            // The kubelet's heartbeat moves a node's resourceVersion every few seconds; a replace without one is unconditional, as Kubernetes allows for nodes.
            (current["metadata"] as JsonObject)!.Remove("resourceVersion");
            await walk.CallAsync(HttpMethod.Put, node, Data(current.ToJsonString()));
        }

        var labels = (described?["metadata"]?["labels"] as JsonObject)?.DeepClone() as JsonObject ?? [];
        labels["walk.dce.io/labelled"] = "yes";
        await walk.CallAsync(HttpMethod.Put, $"{node}/labels", new JsonObject { ["labels"] = labels }.ToJsonString());
        await walk.CallAsync(HttpMethod.Put, $"{node}/annotations", new JsonObject { ["annotations"] = new JsonObject { ["walk.dce.io/note"] = "walked" } }.ToJsonString());
        await walk.CallAsync(HttpMethod.Put, $"{node}/taints", new { taints = new[] { new { key = "walk.dce.io/taint", value = "yes", effect = "PreferNoSchedule" } } });
        await walk.CallAsync(HttpMethod.Put, $"{node}/taints", new { taints = Array.Empty<object>() });
        await walk.GetAsync($"{node}/pods");
        await walk.CallAsync(HttpMethod.Post, $"{node}/cordon");
        await walk.CallAsync(HttpMethod.Post, $"{node}/uncordon");
        await walk.CallAsync(HttpMethod.Post, $"{node}/drain");
        await walk.CallAsync(HttpMethod.Post, $"{node}/uncordon");
    }
}
