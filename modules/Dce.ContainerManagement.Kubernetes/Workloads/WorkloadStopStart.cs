using System.Globalization;
using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>
/// Stops a Deployment or StatefulSet by scaling it to 0, remembering its replicas in an annotation, and starts it
/// again with the replicas it had.
/// </summary>
public static class WorkloadStopStart
{
    /// <summary>The replicas a stopped workload had, restored when it starts.</summary>
    public const string ReplicasBeforeStopAnnotation = "kpanda.dce.io/replicas-before-stop";

    /// <summary>Scales the workload to 0; a workload already at 0 keeps the replicas it remembered.</summary>
    public static async Task StopAsync(IKubernetes client, WorkloadKind kind, string ns, string name, CancellationToken cancellationToken = default)
    {
        var info = Scalable(client, kind);
        var workload = await info.ReadAsync(client, ns, name, cancellationToken);
        var replicas = info.Summary(workload).DesiredReplicas;
        if (replicas == 0)
        {
            return;
        }

        var patch = $$$"""{"metadata":{"annotations":{"{{{ReplicasBeforeStopAnnotation}}}":"{{{replicas.ToString(CultureInfo.InvariantCulture)}}}"}},"spec":{"replicas":0}}""";
        await info.PatchAsync(client, new V1Patch(patch, V1Patch.PatchType.MergePatch), ns, name, cancellationToken);
    }

    /// <summary>Scales a stopped workload back to the replicas it had (1 when it remembers none); a running one is left as it is.</summary>
    public static async Task StartAsync(IKubernetes client, WorkloadKind kind, string ns, string name, CancellationToken cancellationToken = default)
    {
        var info = Scalable(client, kind);
        var workload = await info.ReadAsync(client, ns, name, cancellationToken);
        if (info.Summary(workload).DesiredReplicas > 0)
        {
            return;
        }

        var remembered = workload.Metadata.Annotations?.TryGetValue(ReplicasBeforeStopAnnotation, out var text) == true
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is > 0 and <= 1000 ? count : 1;
        var patch = $$$"""{"metadata":{"annotations":{"{{{ReplicasBeforeStopAnnotation}}}":null}},"spec":{"replicas":{{{remembered.ToString(CultureInfo.InvariantCulture)}}}}}""";
        await info.PatchAsync(client, new V1Patch(patch, V1Patch.PatchType.MergePatch), ns, name, cancellationToken);
    }

    private static WorkloadKindInfo Scalable(IKubernetes client, WorkloadKind kind)
    {
        ArgumentNullException.ThrowIfNull(client);
        var info = kind.Info();
        return info.ScaleAsync is null ? throw new NotSupportedException($"{kind} cannot be stopped or started") : info;
    }
}
