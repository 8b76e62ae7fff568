using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Autoscaling;

/// <summary>The object an autoscaler scales, seen through its <c>scale</c> subresource: desired and current replicas and the pod selector.</summary>
public sealed record ScaleTarget(ResourceType Type, string Namespace, string Name, long SpecReplicas, long StatusReplicas, JsonNode? Selector)
{
    /// <summary>Reads the target a <c>scaleTargetRef</c> names; the error is the API's own wording.</summary>
    public static ScaleTarget? Find(SimulatedCluster cluster, string ns, JsonNode? reference, out string? error)
    {
        error = null;
        var apiVersion = reference.Str("apiVersion") ?? "";
        var kind = reference.Str("kind") ?? "";
        var name = reference.Str("name") ?? "";
        var group = apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";
        var type = cluster.Catalog.All.FirstOrDefault(t => t.Group == group && t.Kind == kind && t.HasScale);
        if (type is null)
        {
            error = $"no matches for kind \"{kind}\" in group \"{group}\"";
            return null;
        }
        if (cluster.Store.Get(type.StorageKey, ns, name) is not { } stored)
        {
            error = ApiException.NotFound(type, name).Message;
            return null;
        }
        var obj = stored.Parse();
        var selector = obj.At("spec.selector");
        if (selector is JsonObject map && map.Count > 0 && map["matchLabels"] is null && map["matchExpressions"] is null)
        {
            // A ReplicationController selects by a plain label map.
            selector = new JsonObject { ["matchLabels"] = map.DeepClone() };
        }
        return new ScaleTarget(type, ns, name, obj.At("spec").Long("replicas") ?? 1, obj.At("status").Long("replicas") ?? 0, selector);
    }

    /// <summary>Writes spec.replicas, as an update of the scale subresource does.</summary>
    public void Scale(SimulatedCluster cluster, long replicas) =>
        _ = cluster.Objects.Mutate(Type, Namespace, Name, obj => { obj.Obj("spec")["replicas"] = replicas; return true; })
            ?? throw ApiException.NotFound(Type, Name);
}
