using System.Net;
using Dce.ContainerManagement.Model;
using k8s.Autorest;

namespace Dce.ContainerManagement.Clusters;

/// <summary>
/// Which phase a failed call to a cluster means: refused credentials are Failed; anything unreachable, or an answer that
/// is not a Kubernetes document, is Unknown.
/// </summary>
public static class ClusterFailure
{
    public static bool TryDescribe(Exception exception, out ClusterPhase phase, out string message)
    {
        switch (exception)
        {
            case HttpOperationException { Response.StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } refused:
                phase = ClusterPhase.Failed;
                message = $"The cluster refused the credentials ({(int)refused.Response.StatusCode}).";
                return true;
            case HttpOperationException other:
                phase = ClusterPhase.Unknown;
                message = $"The cluster's API answered {(int)other.Response.StatusCode}: {Shorten(other.Response.Content)}";
                return true;
            case HttpRequestException or TaskCanceledException or TimeoutException or OperationCanceledException or IOException:
                phase = ClusterPhase.Unknown;
                message = $"The cluster's API cannot be reached: {Shorten(exception.Message)}";
                return true;
            case System.Text.Json.JsonException or FormatException or InvalidOperationException or KeyNotFoundException:
                phase = ClusterPhase.Unknown;
                message = $"The cluster's API answered something that is not a Kubernetes document ({exception.GetType().Name}).";
                return true;
            default:
                phase = ClusterPhase.Unknown;
                message = "";
                return false;
        }
    }

    private static string Shorten(string? text)
    {
        var line = (text ?? "").Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] : line;
    }
}
