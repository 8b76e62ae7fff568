using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation;

/// <summary>Creates pods from a workload's pod template, owned by the workload.</summary>
public static class PodFactory
{
    /// <summary>Creates the pod through the API, admission included; a refusal comes back as the error, not thrown.</summary>
    public static PodCreation Create(SimulatedCluster cluster, ResourceType ownerType, StoredObject owner, JsonObject template,
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
            return new PodCreation(cluster.Objects.Create(pods, owner.Namespace, pod), null);
        }
        catch (ApiException refused)
        {
            return new PodCreation(null, refused);
        }
    }

    public static string RandomSuffix() => Guid.NewGuid().ToString("N")[..5];
}

/// <summary>The pod a controller created, or why the API refused it.</summary>
public sealed record PodCreation(StoredObject? Pod, ApiException? Error);
