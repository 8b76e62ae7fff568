using System.Text.Json.Nodes;
using Dce.Testing.Contract;

namespace Dce.Insight.Tests.Contract.Walks;

/// <summary>Clusters, nodes, namespaces, workloads and pods, as read back from kube-state-metrics and cAdvisor.</summary>
public static class ResourcesWalk
{
    public static async Task RunAsync(ContractWalk walk, WalkTarget target)
    {
        await walk.GetAsync($"{InsightContract.Root}/clusters");
        await walk.GetAsync($"{InsightContract.Root}/clustersummary");
        await walk.GetAsync(target.ClusterPath);
        var nodes = await walk.GetAsync($"{target.ClusterPath}/nodes");
        await walk.GetAsync($"{target.ClusterPath}/nodes/{FirstName(nodes)}");
        await walk.GetAsync($"{target.ClusterPath}/namespaces");
        await walk.GetAsync($"{target.ClusterPath}/namespaces/{target.Namespace}");
        await walk.GetAsync($"{target.ClusterPath}/pods?namespace={target.Namespace}");
        await walk.GetAsync($"{target.NamespacePath}/pods/{target.Pod}");
        await target.Blank.WalkAsync(walk, HttpMethod.Get, $"{target.NamespacePath}/pods/{target.Pod}/metrics");
        foreach (var plural in new[] { "deployments", "statefulsets", "daemonsets" })
        {
            var list = await walk.GetAsync($"{target.ClusterPath}/{plural}?namespace={target.Namespace}");
            var name = (list?["items"] as JsonArray)?.Select(item => item?["name"]?.GetValue<string>()).FirstOrDefault(n => n?.StartsWith("walk-", StringComparison.Ordinal) == true) ?? "none";
            await walk.GetAsync($"{target.NamespacePath}/{plural}/{name}");
            await walk.GetAsync($"{target.NamespacePath}/{plural}/{name}/pods");
        }
    }

    private static string FirstName(JsonNode? list) => (list?["items"] as JsonArray)?.FirstOrDefault()?["name"]?.GetValue<string>() ?? "none";
}
