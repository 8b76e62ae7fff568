using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using YamlDotNet.Core;

namespace Dce.Kubernetes.Errors;

/// <summary>
/// Turns what a cluster call threw into a status code and message: the cluster's own <c>Status</c> (409
/// AlreadyExists, 403 exceeded quota, 422 invalid...), 503 when the cluster cannot be reached, 400 for manifests
/// that do not parse.
/// </summary>
public static class KubernetesErrors
{
    /// <summary>Describes <paramref name="exception"/>; <paramref name="cluster"/> names the cluster in unreachable messages.</summary>
    public static KubernetesFailure Describe(Exception exception, string cluster)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            HttpOperationException http => FromResponse(http, cluster),
            HttpRequestException or TimeoutException or TaskCanceledException =>
                Unreachable(cluster, exception.Message),
            YamlException yaml => new KubernetesFailure(400, $"invalid manifest: {yaml.Message}"),
            JsonException json => new KubernetesFailure(400, $"invalid manifest: {json.Message}"),
            KeyNotFoundException notFound => new KubernetesFailure(404, notFound.Message),
            NotSupportedException notSupported => new KubernetesFailure(400, notSupported.Message),
            ArgumentException argument => new KubernetesFailure(400, argument.Message),
            _ => new KubernetesFailure(500, exception.Message),
        };
    }

    /// <summary>The cluster's <c>Status</c> carried by <paramref name="exception"/>, when its body is one.</summary>
    public static V1Status? StatusOf(HttpOperationException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var content = exception.Response?.Content;
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            var status = KubernetesJson.Deserialize<V1Status>(content);
            return status?.Kind == "Status" ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static KubernetesFailure FromResponse(HttpOperationException exception, string cluster)
    {
        var code = (int)(exception.Response?.StatusCode ?? HttpStatusCode.InternalServerError);
        var status = StatusOf(exception);
        if (code is 502 or 503 or 504)
        {
            return Unreachable(cluster, status?.Message ?? exception.Response?.ReasonPhrase ?? exception.Message);
        }

        return new KubernetesFailure(status?.Code ?? code, status?.Message ?? exception.Message);
    }

    private static KubernetesFailure Unreachable(string cluster, string detail) =>
        new(503, $"cluster {cluster} is unreachable: {detail}");
}
