using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>Sends a patch to a workload as the cluster understands it: strategic merge by default, JSON merge or JSON patch when the content type says so.</summary>
public static class WorkloadPatch
{
    public static V1Patch.PatchType TypeOf(string? contentType) => contentType?.Split(';')[0].Trim() switch
    {
        "application/merge-patch+json" => V1Patch.PatchType.MergePatch,
        "application/json-patch+json" => V1Patch.PatchType.JsonPatch,
        _ => V1Patch.PatchType.StrategicMergePatch,
    };

    public static async Task<object> ApplyAsync(IKubernetes client, WorkloadKind kind, string ns, string name, string body, V1Patch.PatchType type, CancellationToken cancellationToken) =>
        await kind.Info().PatchAsync(client, new V1Patch(body, type), ns, name, cancellationToken);
}
