using System.Net;
using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Metrics;

/// <summary>Scrapes a cluster's metrics endpoints over HTTP with the cluster's bearer token, as a Prometheus job does.</summary>
public static class Scrapes
{
    public const string ExpositionType = "text/plain; version=0.0.4; charset=utf-8";
    public const string KubeStateMetrics = "/api/v1/namespaces/kube-system/services/kube-state-metrics:http-metrics/proxy/metrics";

    public static string Cadvisor(string node) => $"/api/v1/nodes/{node}/proxy/metrics/cadvisor";

    public static string Kubelet(string node) => $"/api/v1/nodes/{node}/proxy/metrics";

    /// <summary>The response to <paramref name="path"/> of <paramref name="cluster"/>'s API, with its token or none.</summary>
    public static async Task<(HttpStatusCode Status, string? ContentType, string Body)> GetAsync(KubeSimServer server, string path,
        string cluster = KubeSimServer.Cluster, bool authenticated = true)
    {
        using var http = server.Http(authenticated ? server.Sim(cluster).Token : null);
        using var response = await http.GetAsync(new Uri($"/clusters/{cluster}{path}", UriKind.Relative));
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Scrapes <paramref name="path"/>, requiring a 200 in the exposition format, and parses it.</summary>
    public static async Task<Exposition> ScrapeAsync(KubeSimServer server, string path, string cluster = KubeSimServer.Cluster)
    {
        var (status, contentType, body) = await GetAsync(server, path, cluster);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status} {body}");
        Assert.Equal(ExpositionType, contentType);
        return Exposition.Parse(body);
    }
}
