using System.Globalization;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>
/// Revision history and rollback. Deployments keep theirs in ReplicaSets (annotation
/// <c>deployment.kubernetes.io/revision</c>); StatefulSets and DaemonSets in ControllerRevisions. Rollback does
/// what <c>kubectl rollout undo --to-revision</c> does.
/// </summary>
public static class WorkloadRevisions
{
    /// <summary>The Deployment revision annotation on ReplicaSets.</summary>
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";

    private const string PodTemplateHashLabel = "pod-template-hash";

    /// <summary>The revisions of a Deployment, StatefulSet or DaemonSet, oldest first.</summary>
    public static async Task<IReadOnlyList<WorkloadRevision>> ListAsync(IKubernetes client, WorkloadKind kind, string ns, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (kind.Info().Revisions == RevisionHistory.ReplicaSets)
        {
            var sets = await ReplicaSetsAsync(client, ns, name, cancellationToken);
            return sets.Select(s => new WorkloadRevision(s.Revision, s.Set.Metadata.Name,
                s.Set.Spec.Template.Spec.Containers.Select(c => c.Image).ToList(), s.Set.Metadata.CreationTimestamp, s.Set.Status?.Replicas ?? 0)).ToList();
        }

        var revisions = await ControllerRevisionsAsync(client, kind, ns, name, cancellationToken);
        return revisions.Select(r => new WorkloadRevision(r.Revision ?? 0, r.Metadata.Name, ImagesOf(r.Data), r.Metadata.CreationTimestamp, 0)).ToList();
    }

    /// <summary>Rolls the workload's pod template back to <paramref name="revision"/>.</summary>
    public static async Task RollbackAsync(IKubernetes client, WorkloadKind kind, string ns, string name, long revision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (kind.Info().Revisions == RevisionHistory.ReplicaSets)
        {
            var sets = await ReplicaSetsAsync(client, ns, name, cancellationToken);
            var target = sets.FirstOrDefault(s => s.Revision == revision).Set
                ?? throw new KeyNotFoundException($"revision {revision} of deployment {name} not found");
            var template = KubernetesJson.Deserialize<V1PodTemplateSpec>(KubernetesJson.Serialize(target.Spec.Template));
            template.Metadata?.Labels?.Remove(PodTemplateHashLabel);
            var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken);
            deployment.Spec.Template = template;
            await client.AppsV1.ReplaceNamespacedDeploymentAsync(deployment, name, ns, cancellationToken: cancellationToken);
            return;
        }

        var revisions = await ControllerRevisionsAsync(client, kind, ns, name, cancellationToken);
        if (revisions.Count == 0)
        {
            throw new NotSupportedException($"the cluster keeps no ControllerRevisions for {kind} {name}; rollback is not available");
        }

        var chosen = revisions.FirstOrDefault(r => r.Revision == revision)
            ?? throw new KeyNotFoundException($"revision {revision} of {kind} {name} not found");
        var patch = new V1Patch(KubernetesJson.Serialize(chosen.Data), V1Patch.PatchType.StrategicMergePatch);
        await kind.Info().PatchAsync(client, patch, ns, name, cancellationToken);
    }

    private static async Task<List<(long Revision, V1ReplicaSet Set)>> ReplicaSetsAsync(IKubernetes client, string ns, string name, CancellationToken ct)
    {
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: ct);
        var sets = await client.AppsV1.ListNamespacedReplicaSetAsync(ns, cancellationToken: ct);
        return sets.Items
            .Where(s => s.Metadata.OwnerReferences?.Any(o => o.Uid == deployment.Metadata.Uid) == true)
            .Select(s => (Revision: RevisionOf(s), Set: s))
            .Where(s => s.Revision > 0)
            .OrderBy(s => s.Revision)
            .ToList();
    }

    private static async Task<List<V1ControllerRevision>> ControllerRevisionsAsync(IKubernetes client, WorkloadKind kind, string ns, string name, CancellationToken ct)
    {
        if (kind.Info().Revisions != RevisionHistory.ControllerRevisions)
        {
            throw new NotSupportedException($"{kind} has no revision history");
        }

        var owner = await WorkloadOperations.ReadAsync(client, kind, ns, name, ct);
        var revisions = await client.AppsV1.ListNamespacedControllerRevisionAsync(ns, cancellationToken: ct);
        return revisions.Items
            .Where(r => r.Metadata.OwnerReferences?.Any(o => o.Uid == owner.Metadata.Uid) == true)
            .OrderBy(r => r.Revision)
            .ToList();
    }

    private static long RevisionOf(V1ReplicaSet set) =>
        set.Metadata.Annotations?.TryGetValue(RevisionAnnotation, out var text) == true
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    private static List<string> ImagesOf(object? data)
    {
        if (data is not JsonElement element || element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("spec", out var spec) || !spec.TryGetProperty("template", out var template)
            || !template.TryGetProperty("spec", out var podSpec) || !podSpec.TryGetProperty("containers", out var containers)
            || containers.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return containers.EnumerateArray()
            .Select(c => c.TryGetProperty("image", out var image) ? image.GetString() ?? "" : "")
            .ToList();
    }
}
