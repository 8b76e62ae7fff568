using System.Text.Json.Nodes;
using Dce.Multicloud.Engine.Model;
using Dce.Multicloud.Propagation.Api;

namespace Dce.Multicloud.Propagation.Members;

/// <summary>The scheduler's view of the members for one binding: each Cluster with its room for that binding's replicas.</summary>
public static class ClusterViews
{
    public static List<MemberCluster> For(IEnumerable<JsonObject> clusters, JsonObject binding, IReadOnlySet<string> excluded)
    {
        var request = binding["spec"]?["replicaRequirements"]?["resourceRequest"];
        var cpu = ResourceSummary.Parse(request?["cpu"]);
        var memory = ResourceSummary.Parse(request?["memory"]);
        return clusters.Where(cluster => !excluded.Contains(cluster.Name()))
            .Select(cluster => MemberCluster.FromCluster(cluster.As<Cluster>(),
                ResourceSummary.FromStatus(cluster["status"] as JsonObject)?.AvailableReplicas(cpu, memory)))
            .ToList();
    }
}
