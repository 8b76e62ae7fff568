using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation;

/// <summary>Creates pods from a workload's pod template, owned by the workload.</summary>
public static class PodFactory
{
    public static StoredObject? Create(SimulatedCluster cluster, ResourceType ownerType, StoredObject owner, JsonObject template,
        string name, IReadOnlyDictionary<string, string>? extraLabels = null, string? nodeName = null)
    {
        var metadata = template["metadata"]?.DeepClone() as JsonObject ?? [];
        var labels = metadata.Obj("labels");
        foreach (var (key, value) in extraLabels ?? new Dictionary<string, string>())
        {
            labels[key] = value;
        }
        metadata["name"] = name;
        metadata["ownerReferences"] = new JsonArray(WorkloadMath.OwnerReference(ownerType, owner));
        var spec = template["spec"]?.DeepClone() as JsonObject ?? [];
        if (nodeName is not null)
        {
            spec["nodeName"] = nodeName;
        }
        var pod = new JsonObject { ["metadata"] = metadata, ["spec"] = spec };
        try
        {
            var pods = cluster.Type("", "pods");
            var created = cluster.Objects.Create(pods, owner.Namespace, pod);
            return created;
        }
        catch (ApiException)
        {
            return null;
        }
    }

    public static string RandomSuffix() => Guid.NewGuid().ToString("N")[..5];
}
