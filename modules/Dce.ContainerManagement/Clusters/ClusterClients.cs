using System.Collections.Concurrent;
using Dce.ContainerManagement.Model;
using Dce.Kubernetes.Kubeconfigs;
using k8s;
using Microsoft.Extensions.Options;

namespace Dce.ContainerManagement.Clusters;

/// <summary>
/// One KubernetesClient per joined cluster, built from its decrypted kubeconfig on first use and kept until the
/// cluster's record changes, through the one <see cref="KubeconfigLoader"/> (a stored kubeconfig is checked again). Requests time out after <see cref="ContainerManagementOptions.RequestTimeout"/>;
/// streams (logs that follow) use a second client without a timeout.
/// </summary>
public sealed class ClusterClients(KubeconfigVault vault, KubeconfigLoader loader, IOptions<ContainerManagementOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _clients = new(StringComparer.Ordinal);

    public IKubernetes For(Cluster cluster) => Get(cluster).Requests;

    public IKubernetes StreamingFor(Cluster cluster) => Get(cluster).Streams;

    public void Forget(string cluster)
    {
        if (_clients.TryRemove(cluster, out var entry))
        {
            entry.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var entry in _clients.Values)
        {
            entry.Dispose();
        }

        _clients.Clear();
    }

    private Entry Get(Cluster cluster)
    {
        if (_clients.TryGetValue(cluster.Name, out var entry) && entry.Version == cluster.ProtectedKubeconfig)
        {
            return entry;
        }

        var built = Build(cluster);
        _clients.AddOrUpdate(cluster.Name, built, (_, old) =>
        {
            old.Dispose();
            return built;
        });
        return built;
    }

    private Entry Build(Cluster cluster)
    {
        var kubeconfig = vault.Unprotect(cluster.ProtectedKubeconfig);
        if (!loader.TryLoad(kubeconfig, out var forRequests, out var error) || !loader.TryLoad(kubeconfig, out var forStreams, out error))
        {
            throw new InvalidOperationException($"The stored kubeconfig of cluster {cluster.Name} is refused: {error}");
        }

        var (requests, streams) = (forRequests.Configuration, forStreams.Configuration);

        requests.HttpClientTimeout = options.Value.RequestTimeout;
        streams.HttpClientTimeout = Timeout.InfiniteTimeSpan;
        return new Entry(cluster.ProtectedKubeconfig, new k8s.Kubernetes(requests), new k8s.Kubernetes(streams));
    }

    private sealed record Entry(string Version, k8s.Kubernetes Requests, k8s.Kubernetes Streams) : IDisposable
    {
        public void Dispose()
        {
            Requests.Dispose();
            Streams.Dispose();
        }
    }
}
