using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes;
using k8s.Autorest;
using YamlDotNet.Core;

namespace Dce.ContainerManagement.Apis;

/// <summary>A failed call to a cluster as the API answers it.</summary>
internal sealed record ClusterCallProblem(int Status, string Title, string Detail);

/// <summary>
/// What a failure of a cluster call means for the caller: a missing cluster 404, an unavailable or unreachable one
/// 503, a manifest that does not parse 400, and a refusal by the cluster (conflict, quota, invalid object) with the
/// cluster's own status code and message. A cluster that refuses the platform's own credentials is a 502: the
/// caller's token is not at fault.
/// </summary>
internal static class ClusterCallProblems
{
    public static ClusterCallProblem? From(Exception exception, HttpContext http)
    {
        var cluster = http.Request.RouteValues["cluster"]?.ToString() ?? http.Request.RouteValues["name"]?.ToString() ?? "?";
        switch (exception)
        {
            case ClusterNotFoundException missing:
                return new(StatusCodes.Status404NotFound, "Not found", missing.Message);
            case ClusterUnavailableException unavailable:
                return new(StatusCodes.Status503ServiceUnavailable, "Cluster unavailable", unavailable.Message);
            case HttpOperationException or HttpRequestException or TimeoutException or YamlException or System.Text.Json.JsonException or KeyNotFoundException or NotSupportedException or WorkloadFormException:
            case TaskCanceledException when !http.RequestAborted.IsCancellationRequested:
                var failure = KubernetesErrors.Describe(exception, cluster);
                return failure.StatusCode switch
                {
                    StatusCodes.Status401Unauthorized => new(StatusCodes.Status502BadGateway, "Cluster refused the platform", $"Cluster {cluster} refused the platform's credentials: {failure.Message}"),
                    StatusCodes.Status503ServiceUnavailable => new(failure.StatusCode, "Cluster unreachable", failure.Message),
                    >= 500 => new(StatusCodes.Status502BadGateway, "Cluster failed", $"Cluster {cluster} failed: {failure.Message}"),
                    _ => new(failure.StatusCode, "Refused by the cluster", $"Cluster {cluster}: {failure.Message}"),
                };
            default:
                return null;
        }
    }
}
