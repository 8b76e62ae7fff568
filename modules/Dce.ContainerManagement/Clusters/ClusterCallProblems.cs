using Dce.ContainerManagement.Kubernetes;
using Dce.Kubernetes.Errors;

namespace Dce.ContainerManagement.Clusters;

/// <summary>
/// What a failure of a call to the request's cluster (<see cref="TargetCluster"/>) means for the caller: a missing
/// cluster 404, an unavailable one 503, a workload form the cluster cannot take 400, and any failed Kubernetes call as
/// <see cref="KubernetesProblems"/> tells.
/// </summary>
internal static class ClusterCallProblems
{
    public static KubernetesProblem? From(Exception exception, HttpContext http)
    {
        var cluster = TargetCluster.Of(http)?.Name ?? "?";
        return exception switch
        {
            ClusterNotFoundException missing => new(StatusCodes.Status404NotFound, "Not found", missing.Message),
            ClusterUnavailableException unavailable => new(StatusCodes.Status503ServiceUnavailable, "Cluster unavailable", unavailable.Message),
            WorkloadFormException => KubernetesProblems.Of(KubernetesErrors.Describe(exception, cluster), cluster),
            _ => KubernetesProblems.From(exception, cluster, http.RequestAborted.IsCancellationRequested),
        };
    }
}
