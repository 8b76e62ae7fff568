using System.Text.Json;
using k8s.Autorest;
using YamlDotNet.Core;

namespace Dce.Kubernetes.Errors;

/// <summary>
/// What a failed cluster call means for the caller: an unreachable cluster 503, a manifest that does not parse 400,
/// and a refusal by the cluster (conflict, quota, invalid object) with the cluster's own status code and message. A
/// cluster that refuses the platform's own credentials is a 502: the caller's token is not at fault.
/// </summary>
public static class KubernetesProblems
{
    /// <summary>The problem <paramref name="exception"/> means, or null when it is not a failed call to <paramref name="cluster"/>.</summary>
    public static KubernetesProblem? From(Exception exception, string cluster, bool requestAborted) => exception switch
    {
        HttpOperationException or HttpRequestException or TimeoutException or YamlException or JsonException or KeyNotFoundException or NotSupportedException =>
            Of(KubernetesErrors.Describe(exception, cluster), cluster),
        TaskCanceledException when !requestAborted => Of(KubernetesErrors.Describe(exception, cluster), cluster),
        _ => null,
    };

    /// <summary>The problem a described failure of a call to <paramref name="cluster"/> is answered with.</summary>
    public static KubernetesProblem Of(KubernetesFailure failure, string cluster)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.StatusCode switch
        {
            401 => new(502, "Cluster refused the platform", $"Cluster {cluster} refused the platform's credentials: {failure.Message}"),
            503 => new(failure.StatusCode, "Cluster unreachable", failure.Message),
            >= 500 => new(502, "Cluster failed", $"Cluster {cluster} failed: {failure.Message}"),
            _ => new(failure.StatusCode, "Refused by the cluster", $"Cluster {cluster}: {failure.Message}"),
        };
    }
}
