using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>
/// Runs a Job again: the Job is deleted (its pods with it) and created anew from the same spec, without the selector
/// and labels the cluster generated for the old one.
/// </summary>
public static class JobRestart
{
    private static readonly string[] GeneratedLabels =
        ["controller-uid", "batch.kubernetes.io/controller-uid", "job-name", "batch.kubernetes.io/job-name"];

    /// <summary>
    /// Restarts the Job; with <paramref name="resourceVersion"/>, only if it is still that version (the cluster
    /// refuses the deletion otherwise, and nothing changes).
    /// </summary>
    public static async Task<V1Job> RestartAsync(IKubernetes client, string ns, string name, string? resourceVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var job = await client.BatchV1.ReadNamespacedJobAsync(name, ns, cancellationToken: cancellationToken);
        var fresh = Renewed(job);
        var options = new V1DeleteOptions
        {
            PropagationPolicy = "Background",
            Preconditions = string.IsNullOrEmpty(resourceVersion) ? null : new V1Preconditions { ResourceVersion = resourceVersion },
        };
        await client.BatchV1.DeleteNamespacedJobAsync(name, ns, options, cancellationToken: cancellationToken);
        return await client.BatchV1.CreateNamespacedJobAsync(fresh, ns, cancellationToken: cancellationToken);
    }

    private static V1Job Renewed(V1Job job)
    {
        var copy = KubernetesJson.Deserialize<V1Job>(KubernetesJson.Serialize(job));
        copy.Status = null;
        copy.Metadata = new V1ObjectMeta
        {
            Name = job.Metadata.Name,
            NamespaceProperty = job.Metadata.NamespaceProperty,
            Labels = WithoutGenerated(job.Metadata.Labels),
            Annotations = job.Metadata.Annotations,
            OwnerReferences = job.Metadata.OwnerReferences,
        };
        if (copy.Spec.ManualSelector != true)
        {
            copy.Spec.Selector = null;
            copy.Spec.Template.Metadata ??= new V1ObjectMeta();
            copy.Spec.Template.Metadata.Labels = WithoutGenerated(copy.Spec.Template.Metadata.Labels);
        }

        return copy;
    }

    private static Dictionary<string, string>? WithoutGenerated(IDictionary<string, string>? labels) =>
        labels?.Where(l => !GeneratedLabels.Contains(l.Key)).ToDictionary(l => l.Key, l => l.Value);
}
