using System.Net;
using Dce.ContainerManagement.Model;
using Dce.Kubernetes.Errors;
using k8s.Autorest;

namespace Dce.ContainerManagement.Clusters;

/// <summary>
/// Which phase a failed call to a cluster means: refused credentials, or an address the platform may not connect to, are
/// Failed; anything unreachable, or an answer that is not a Kubernetes document, is Unknown. The message carries a status
/// line only, never what the cluster said.
/// </summary>
public static class ClusterFailure
{
    public static bool TryDescribe(Exception exception, out ClusterPhase phase, out string message)
    {
        phase = ClusterPhase.Unknown;
        message = "";
        if (ConnectionFailures.Describe(exception) is not { } status)
        {
            if (exception is System.Text.Json.JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                message = $"The cluster's API answered something that is not a Kubernetes document ({exception.GetType().Name}).";
                return true;
            }

            return false;
        }

        if (ConnectionFailures.IsRefusedByPolicy(exception))
        {
            phase = ClusterPhase.Failed;
            message = $"The platform may not connect there: {status}";
        }
        else if (exception is HttpOperationException { Response.StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden })
        {
            phase = ClusterPhase.Failed;
            message = $"The cluster refused the credentials ({status}).";
        }
        else
        {
            message = exception is HttpOperationException ? $"The cluster's API answered {status}." : $"The cluster's API cannot be reached: {status}.";
        }

        return true;
    }
}
