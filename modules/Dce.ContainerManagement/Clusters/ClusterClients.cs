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
/// <remarks>
/// Requests that arrive together on a fresh replica share one build. A client that is replaced or forgotten may still
/// be in use by calls that took it a moment before, so it is disposed only after a call on it has timed out.
/// </remarks>
public sealed class ClusterClients(KubeconfigVault vault, KubeconfigLoader loader, IOptions<ContainerManagementOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _clients = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposed = new();

    public IKubernetes For(Cluster cluster) => Get(cluster).Requests;

    public IKubernetes StreamingFor(Cluster cluster) => Get(cluster).Streams;

    public void Forget(string cluster)
    {
        if (_clients.TryRemove(cluster, out var entry))
        {
            Retire(entry);
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        foreach (var entry in _clients.Values)
        {
            entry.Dispose();
        }

        _clients.Clear();
    }

    private Clients Get(Cluster cluster)
    {
        while (true)
        {
            var entry = _clients.GetOrAdd(cluster.Name, _ => new Entry(cluster.ProtectedKubeconfig, () => Build(cluster)));
            if (entry.Version != cluster.ProtectedKubeconfig)
            {
                if (_clients.TryUpdate(cluster.Name, new Entry(cluster.ProtectedKubeconfig, () => Build(cluster)), entry))
                {
                    Retire(entry);
                }

                continue;
            }

            try
            {
                return entry.Clients.Value;
            }
            catch
            {
                // A failed build is not kept: the next request tries again.
                _clients.TryRemove(KeyValuePair.Create(cluster.Name, entry));
                throw;
            }
        }
    }

    private void Retire(Entry entry)
    {
        var grace = options.Value.RequestTimeout * 2;
        _ = Task.Delay(grace, _disposed.Token).ContinueWith(_ => entry.Dispose(), TaskScheduler.Default);
    }

    private Clients Build(Cluster cluster)
    {
        var kubeconfig = vault.Unprotect(cluster.ProtectedKubeconfig);
        if (!loader.TryLoad(kubeconfig, out var forRequests, out var error) || !loader.TryLoad(kubeconfig, out var forStreams, out error))
        {
            throw new InvalidOperationException($"The stored kubeconfig of cluster {cluster.Name} is refused: {error}");
        }

        var (requests, streams) = (forRequests.Configuration, forStreams.Configuration);

        requests.HttpClientTimeout = options.Value.RequestTimeout;
        streams.HttpClientTimeout = Timeout.InfiniteTimeSpan;
        return new Clients(new k8s.Kubernetes(requests), new k8s.Kubernetes(streams));
    }

    private sealed record Clients(k8s.Kubernetes Requests, k8s.Kubernetes Streams);

    private sealed class Entry(string version, Func<Clients> build) : IDisposable
    {
        public string Version { get; } = version;

        public Lazy<Clients> Clients { get; } = new(build, LazyThreadSafetyMode.ExecutionAndPublication);

        public void Dispose()
        {
            if (Clients.IsValueCreated)
            {
                Clients.Value.Requests.Dispose();
                Clients.Value.Streams.Dispose();
            }
        }
    }
}
