using System.Globalization;
using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>Day-two actions on a running workload: scale, restart, pause and resume, set image.</summary>
public static class WorkloadActions
{
    /// <summary>The pod-template annotation <c>kubectl rollout restart</c> sets.</summary>
    public const string RestartedAtAnnotation = "kubectl.kubernetes.io/restartedAt";

    /// <summary>Sets the desired replicas of a Deployment or StatefulSet through its <c>scale</c> subresource.</summary>
    public static async Task<int> ScaleAsync(IKubernetes client, WorkloadKind kind, string ns, string name, int replicas, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfNegative(replicas);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicas, 1000);
        var patch = new V1Patch(new { spec = new { replicas } }, V1Patch.PatchType.MergePatch);
        var scaleAsync = kind.Info().ScaleAsync ?? throw new NotSupportedException($"{kind} cannot be scaled");
        var scale = await scaleAsync(client, patch, ns, name, cancellationToken);
        return scale.Spec.Replicas ?? replicas;
    }

    /// <summary>Restarts every pod the way <c>kubectl rollout restart</c> does: a new template annotation with the time.</summary>
    public static async Task<string> RestartAsync(IKubernetes client, WorkloadKind kind, string ns, string name, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var stamp = (at ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
        var annotations = new Dictionary<string, string> { [RestartedAtAnnotation] = stamp };
        var patch = new V1Patch(new { spec = new { template = new { metadata = new { annotations } } } }, V1Patch.PatchType.StrategicMergePatch);
        var info = kind.Info();
        if (!info.Restartable)
        {
            throw new NotSupportedException($"{kind} cannot be restarted");
        }

        await info.PatchAsync(client, patch, ns, name, cancellationToken);
        return stamp;
    }

    /// <summary>Pauses a Deployment's rollouts (<c>spec.paused</c>) or suspends a CronJob (<c>spec.suspend</c>).</summary>
    public static Task PauseAsync(IKubernetes client, WorkloadKind kind, string ns, string name, CancellationToken cancellationToken = default) =>
        SetPausedAsync(client, kind, ns, name, true, cancellationToken);

    /// <summary>Undoes <see cref="PauseAsync"/>.</summary>
    public static Task ResumeAsync(IKubernetes client, WorkloadKind kind, string ns, string name, CancellationToken cancellationToken = default) =>
        SetPausedAsync(client, kind, ns, name, false, cancellationToken);

    /// <summary>Sets the image of <paramref name="container"/> in the workload's pod template.</summary>
    public static async Task SetImageAsync(IKubernetes client, WorkloadKind kind, string ns, string name, string container, string image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var workload = await WorkloadOperations.ReadAsync(client, kind, ns, name, cancellationToken);
        var containers = WorkloadSummaries.PodTemplate(workload).Spec.Containers;
        var index = containers.ToList().FindIndex(c => c.Name == container);
        if (index < 0)
        {
            throw new KeyNotFoundException($"{kind} {name} has no container \"{container}\"; it has {string.Join(", ", containers.Select(c => c.Name))}");
        }

        var path = kind.Info().PodTemplatePath;
        var operations = new object[]
        {
            new { op = "test", path = $"{path}/spec/containers/{index}/name", value = container },
            new { op = "replace", path = $"{path}/spec/containers/{index}/image", value = image },
        };
        var patch = new V1Patch(operations, V1Patch.PatchType.JsonPatch);
        await kind.Info().PatchAsync(client, patch, ns, name, cancellationToken);
    }

    private static async Task SetPausedAsync(IKubernetes client, WorkloadKind kind, string ns, string name, bool paused, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var info = kind.Info();
        if (info.PauseField is not { } field)
        {
            throw new NotSupportedException($"{kind} cannot be paused");
        }

        var patch = new V1Patch(new { spec = new Dictionary<string, bool> { [field] = paused } }, V1Patch.PatchType.MergePatch);
        await info.PatchAsync(client, patch, ns, name, ct);
    }
}
