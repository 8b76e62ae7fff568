using System.Text;
using k8s;

namespace Dce.ClusterSearch.Sync;

/// <summary>
/// One cluster's API reached through KubernetesClient (its TLS, certificate authority and credentials), asked for
/// raw JSON so objects are indexed exactly as the cluster serves them, whatever their type.
/// </summary>
internal sealed class ClusterConnection : IDisposable
{
    private readonly Kubernetes _client;

    private ClusterConnection(Kubernetes client) => _client = client;

    public static ClusterConnection FromKubeconfig(string kubeconfig)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(kubeconfig));
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(stream);
        // Watches stay open for minutes; each request is bounded by its own cancellation instead.
        configuration.HttpClientTimeout = Timeout.InfiniteTimeSpan;
        return new ClusterConnection(new Kubernetes(configuration));
    }

    /// <summary>GETs <paramref name="pathAndQuery"/> (relative to the cluster's server), returning once the headers arrived.</summary>
    public async Task<HttpResponseMessage> GetAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_client.BaseUri, pathAndQuery));
        request.Headers.Accept.ParseAdd("application/json");
        if (_client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken);
        }

        return await _client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    public void Dispose() => _client.Dispose();
}
