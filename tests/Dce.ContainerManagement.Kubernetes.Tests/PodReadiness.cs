using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes.Tests;

internal static class PodReadiness
{
    public static bool IsReady(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is null
        && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
}
