using Dce.AppHost.Publishing.Base;
using Dce.AppHost.Publishing.Graph;
using Dce.AppHost.Publishing.Kustomize;
using k8s.Models;

namespace Dce.AppHost.Publishing.Overlays;

/// <summary>The RFC 6902 patches an overlay applies, each naming exactly what differs from the base.</summary>
public static class OverlayPatches
{
    /// <summary>The Ingress class and load-balancer annotations.</summary>
    public static List<JsonPatchOperation> Ingress(CloudTarget target)
    {
        List<JsonPatchOperation> operations = [JsonPatchOperation.Add("/spec/ingressClassName", target.IngressClass)];
        if (target.IngressAnnotations.Count > 0)
        {
            operations.Add(JsonPatchOperation.Add("/metadata/annotations", target.IngressAnnotations));
        }

        return operations;
    }

    /// <summary>The storage class (and, on small targets, the size) of each PVC template.</summary>
    public static List<JsonPatchOperation> Storage(Workload middleware, CloudTarget target)
    {
        var operations = new List<JsonPatchOperation>();
        for (var index = 0; index < middleware.DataPaths.Count; index++)
        {
            operations.Add(JsonPatchOperation.Add($"/spec/volumeClaimTemplates/{index}/spec/storageClassName", target.StorageClass));
            if (target.Small)
            {
                operations.Add(JsonPatchOperation.Replace($"/spec/volumeClaimTemplates/{index}/spec/resources/requests/storage", "2Gi"));
            }
        }

        return operations;
    }

    /// <summary>Node selection and user-id changes for every pod template.</summary>
    public static List<JsonPatchOperation> Pods(CloudTarget target)
    {
        var operations = target.NodeSelector
            .Select(selector => JsonPatchOperation.Add($"/spec/template/spec/nodeSelector/{JsonPatchOperation.Escape(selector.Key)}", selector.Value))
            .ToList();
        if (target.AssignsUserIds)
        {
            operations.AddRange(new[] { "runAsUser", "runAsGroup", "fsGroup" }
                .Select(field => JsonPatchOperation.Remove($"/spec/template/spec/securityContext/{field}")));
        }

        return operations;
    }

    /// <summary>One replica.</summary>
    public static List<JsonPatchOperation> SingleReplica() => [JsonPatchOperation.Replace("/spec/replicas", 1)];

    /// <summary>An autoscaler from one to two replicas.</summary>
    public static List<JsonPatchOperation> SmallAutoscaler() =>
        [JsonPatchOperation.Replace("/spec/minReplicas", 1), JsonPatchOperation.Replace("/spec/maxReplicas", 2)];

    /// <summary>Half the requests and limits of the workload's container.</summary>
    public static List<JsonPatchOperation> HalfSize(Workload workload)
    {
        var size = workload.Kind switch
        {
            WorkloadKind.Service or WorkloadKind.Alertmanager => WorkloadSizes.Of("50m", "96Mi", "500m", "256Mi"),
            WorkloadKind.Job => WorkloadSizes.Of("50m", "64Mi", "250m", "192Mi"),
            _ => WorkloadSizes.Of("100m", "256Mi", "1", "1Gi"),
        };
        return [JsonPatchOperation.Replace("/spec/template/spec/containers/0/resources", Plain(size))];
    }

    private static Dictionary<string, Dictionary<string, string>> Plain(V1ResourceRequirements requirements) => new()
    {
        ["requests"] = requirements.Requests.ToDictionary(pair => pair.Key, pair => pair.Value.ToString()),
        ["limits"] = requirements.Limits.ToDictionary(pair => pair.Key, pair => pair.Value.ToString()),
    };
}
