using System.Collections.Concurrent;
using Dce.Insight.Model;
using Dce.Kubernetes.Kubeconfigs;
using Dce.Platform.Contracts.Clusters;

namespace Dce.Insight;

/// <summary>
/// A client per cluster from the kubeconfig its join gave, unsealed and checked by the outbound policy, renewed when it
/// changes; shared by scraping and log collection. Its HTTP client has no overall timeout, since log and watch streams
/// stay open: every other call sets its own. A replaced client is disposed once the calls it may still carry have ended.
/// </summary>
public sealed class ClusterClients(KubeconfigLoader loader, IConfiguration configuration) : IDisposable
{
    // Collectors stop within a rebalance round and scrapes time out well before this, so nothing uses a replaced client after it.
    private static readonly TimeSpan ReplacedClientGrace = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, (string Sealed, k8s.Kubernetes Client)> clients = new(StringComparer.Ordinal);

    public k8s.Kubernetes Of(KnownCluster cluster)
    {
        if (clients.TryGetValue(cluster.Name, out var known) && known.Sealed == cluster.ProtectedKubeconfig)
        {
            return known.Client;
        }

        var kubeconfig = ClusterCredentialProtector.FromConfiguration(configuration).Unprotect(cluster.ProtectedKubeconfig);
        if (!loader.TryLoad(kubeconfig, out var loaded, out var refusal))
        {
            throw new InvalidOperationException($"The kubeconfig of cluster {cluster.Name} is refused: {refusal}");
        }

        var client = new k8s.Kubernetes(loaded.Configuration);
        client.HttpClient.Timeout = Timeout.InfiniteTimeSpan;
        if (clients.TryGetValue(cluster.Name, out var replaced))
        {
            _ = Task.Delay(ReplacedClientGrace).ContinueWith(_ => replaced.Client.Dispose(), TaskScheduler.Default);
        }

        clients[cluster.Name] = (cluster.ProtectedKubeconfig, client);
        return client;
    }

    public void Dispose()
    {
        foreach (var (_, client) in clients.Values)
        {
            client.Dispose();
        }
    }
}
