using k8s.Models;

namespace Dce.Insight.Logs;

/// <summary>One running container whose log is followed, with the workload its pod belongs to when the owner says.</summary>
public sealed record ContainerSource(string Namespace, string Pod, string Container, string ContainerId, string? Node, string? WorkloadKind, string? WorkloadName)
{
    public static IEnumerable<ContainerSource> RunningIn(V1Pod pod)
    {
        var (kind, name) = Workload(pod);
        return (pod.Status?.ContainerStatuses ?? []).Where(status => status.State?.Running is not null)
            .Select(status => new ContainerSource(pod.Metadata.NamespaceProperty, pod.Metadata.Name, status.Name, status.ContainerID ?? "",
                pod.Spec?.NodeName, kind, name));
    }

    /// <summary>The owning workload: a ReplicaSet made by a Deployment (it carries <c>pod-template-hash</c>) names the Deployment.</summary>
    private static (string? Kind, string? Name) Workload(V1Pod pod)
    {
        var owner = pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true) ?? pod.Metadata.OwnerReferences?.FirstOrDefault();
        if (owner is null)
        {
            return (null, null);
        }

        if (owner.Kind == "ReplicaSet" && pod.Metadata.Labels?.TryGetValue("pod-template-hash", out var hash) == true
            && owner.Name.EndsWith("-" + hash, StringComparison.Ordinal))
        {
            return ("Deployment", owner.Name[..^(hash.Length + 1)]);
        }

        return (owner.Kind, owner.Name);
    }
}
