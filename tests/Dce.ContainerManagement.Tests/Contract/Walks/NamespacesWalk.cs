using System.Text.Json.Nodes;
using static Dce.ContainerManagement.Tests.Contract.KpandaContract;
using static Dce.Testing.Contract.ContractWalk;
using Dce.Testing.Contract;

namespace Dce.ContainerManagement.Tests.Contract.Walks;

/// <summary>
/// Namespaces: created from DCE's body, listed (in the cluster, across clusters, as a summary), read, read as JSON,
/// replaced, patched, Pod Security switched on and off, given to a workspace and taken back, deleted. In the walk's
/// namespace, its ResourceQuota and a LimitRange by name, with the form endpoints and what is in effect.
/// </summary>
internal sealed class NamespacesWalk : IContractWalkStep
{
    public int Order => 20;

    public async Task RunAsync(ContractWalk walk, WalkTarget target)
    {
        var namespaces = $"{target.ClusterPath}/namespaces";
        var name = $"walk-ns-{Guid.NewGuid():N}"[..16];
        await walk.CallAsync(HttpMethod.Post, namespaces, Data($"apiVersion: v1\nkind: Namespace\nmetadata: {{name: {name}, labels: {{walk: created}}}}\n"));
        await walk.GetAsync(namespaces);
        await walk.GetAsync($"{target.ClusterPath}/namespacesummary");
        await walk.GetAsync($"{Root}/asl/namespaces?cluster={target.Cluster}");
        await walk.GetAsync($"{namespaces}/{name}");
        var json = await walk.GetAsync($"{namespaces}/{name}/json");
        if (json?["data"]?.GetValue<string>() is { } data && JsonNode.Parse(data) is JsonObject current)
        {
            current["metadata"]!["labels"] = new JsonObject { ["walk"] = "replaced" };
            await walk.CallAsync(HttpMethod.Put, $"{namespaces}/{name}", Data(current.ToJsonString()));
        }

        await walk.CallAsync(HttpMethod.Patch, $"{namespaces}/{name}", Data("""{"metadata":{"labels":{"tier":"walk"}}}"""));
        await walk.CallAsync(HttpMethod.Post, $"{namespaces}/{name}/podsecurity:enable", new { podSecurity = new[] { new { level = "baseline", mode = "enforce" } } });
        await walk.CallAsync(HttpMethod.Post, $"{namespaces}/{name}/podsecurity:disable", new { });

        var workspace = await PlatformAccess.EmptyWorkspaceAsync(target.Fixture.Platform);
        await walk.CallAsync(HttpMethod.Post, $"{namespaces}/{name}:bind", new { workspaceId = workspace });
        await walk.CallAsync(HttpMethod.Delete, $"{namespaces}/{name}:unbind", new { workspaceId = workspace });
        await walk.DeleteAsync($"{namespaces}/{name}");

        await QuotasAsync(walk, target.NamespacePath);
        await LimitRangesAsync(walk, target.ClusterPath, target.NamespacePath);
    }

    private static async Task QuotasAsync(ContractWalk walk, string nsPath)
    {
        var quotas = $"{nsPath}/resourcequotas";
        await walk.CallAsync(HttpMethod.Post, quotas, Data("""
            apiVersion: v1
            kind: ResourceQuota
            metadata: {name: quota}
            spec:
              hard: {pods: "50", requests.cpu: "8"}
            """));
        await walk.GetAsync(quotas);
        await walk.GetAsync($"{quotas}/quota");
        var json = await walk.GetAsync($"{quotas}/quota/json");
        if (json?["data"]?.GetValue<string>() is { } data && JsonNode.Parse(data) is JsonObject current)
        {
            current["spec"]!["hard"]!["pods"] = "40";
            current.Remove("status");
            await walk.CallAsync(HttpMethod.Put, $"{quotas}/quota", Data(current.ToJsonString()));
        }

        await walk.CallAsync(HttpMethod.Put, quotas, new { hard = new Dictionary<string, string> { ["pods"] = "30", ["requests.cpu"] = "8" } });
        await walk.GetAsync($"{quotas}:compute");
    }

    private static async Task LimitRangesAsync(ContractWalk walk, string clusterPath, string nsPath)
    {
        var ranges = $"{nsPath}/limitranges";
        await walk.CallAsync(HttpMethod.Post, ranges, Data("""
            apiVersion: v1
            kind: LimitRange
            metadata: {name: walk-limits}
            spec:
              limits:
              - type: Container
                max: {cpu: "2", memory: 2Gi}
                default: {cpu: 500m, memory: 512Mi}
            """));
        await walk.GetAsync(ranges);
        await walk.GetAsync($"{clusterPath}/limitranges");
        await walk.GetAsync($"{ranges}/walk-limits");
        var json = await walk.GetAsync($"{ranges}/walk-limits/json");
        if (json?["data"]?.GetValue<string>() is { } data && JsonNode.Parse(data) is JsonObject current)
        {
            current["metadata"]!["labels"] = new JsonObject { ["walked"] = "yes" };
            await walk.CallAsync(HttpMethod.Put, $"{ranges}/walk-limits", Data(current.ToJsonString()));
        }

        await walk.CallAsync(HttpMethod.Put, ranges, new { limits = new[] { new { type = "Container", max = new Dictionary<string, string> { ["cpu"] = "4" } } } });
        await walk.GetAsync($"{ranges}:compute");
        await walk.DeleteAsync($"{ranges}/walk-limits");
    }
}
