using Dce.Kubernetes.Kubeconfigs;

namespace Dce.ClusterSearch.Sync;

/// <summary>
/// One cluster's API reached through KubernetesClient (its TLS, certificate authority and credentials), asked for
/// raw JSON so objects are indexed exactly as the cluster serves them, whatever their type. The kubeconfig comes in an
/// event from another module and is checked like any other, by the one <see cref="KubeconfigLoader"/>.
/// </summary>
internal sealed class ClusterConnection : IDisposable
{
    private readonly k8s.Kubernetes _client;

    private ClusterConnection(k8s.Kubernetes client) => _client = client;

    /// <summary>Connects with <paramref name="kubeconfig"/>; throws <see cref="InvalidOperationException"/> naming the field when the loader refuses it.</summary>
    public static ClusterConnection FromKubeconfig(string kubeconfig, KubeconfigLoader loader)
    {
        ArgumentNullException.ThrowIfNull(loader);
        if (!loader.TryLoad(kubeconfig, out var loaded, out var error))
        {
            throw new InvalidOperationException($"The cluster's kubeconfig is refused: {error}");
        }

        var configuration = loaded.Configuration;
        // Watches stay open for minutes; each request is bounded by its own cancellation instead.
        configuration.HttpClientTimeout = Timeout.InfiniteTimeSpan;
        return new ClusterConnection(new k8s.Kubernetes(configuration));
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
