using Dce.ContainerManagement.Kubernetes;
using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Apis;

/// <summary>Sends a patch to a workload as the cluster understands it: strategic merge by default, JSON merge or JSON patch when the content type says so.</summary>
internal static class WorkloadPatch
{
    public static V1Patch.PatchType TypeOf(string? contentType) => contentType?.Split(';')[0].Trim() switch
    {
        "application/merge-patch+json" => V1Patch.PatchType.MergePatch,
        "application/json-patch+json" => V1Patch.PatchType.JsonPatch,
        _ => V1Patch.PatchType.StrategicMergePatch,
    };

    public static async Task<object> ApplyAsync(IKubernetes client, WorkloadKind kind, string ns, string name, string body, V1Patch.PatchType type, CancellationToken cancellationToken)
    {
        var patch = new V1Patch(body, type);
        return kind switch
        {
            WorkloadKind.Deployment => await client.AppsV1.PatchNamespacedDeploymentAsync(patch, name, ns, cancellationToken: cancellationToken),
            WorkloadKind.StatefulSet => await client.AppsV1.PatchNamespacedStatefulSetAsync(patch, name, ns, cancellationToken: cancellationToken),
            WorkloadKind.DaemonSet => await client.AppsV1.PatchNamespacedDaemonSetAsync(patch, name, ns, cancellationToken: cancellationToken),
            WorkloadKind.Job => await client.BatchV1.PatchNamespacedJobAsync(patch, name, ns, cancellationToken: cancellationToken),
            WorkloadKind.CronJob => await client.BatchV1.PatchNamespacedCronJobAsync(patch, name, ns, cancellationToken: cancellationToken),
            _ => throw new NotSupportedException($"{kind} cannot be patched."),
        };
    }
}
