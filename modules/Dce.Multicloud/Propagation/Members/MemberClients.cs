using System.Collections.Concurrent;
using System.Text;
using Dce.Kubernetes.Kubeconfigs;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Informers;
using Dce.Multicloud.Propagation.Templates;

namespace Dce.Multicloud.Propagation.Members;

/// <summary>
/// A client per member cluster, built from its Secret <c>karmada-cluster/&lt;cluster&gt;</c> (key <c>kubeconfig</c>)
/// through the platform's kubeconfig loader, and rebuilt when the Secret changes.
/// </summary>
public sealed class MemberClients(ControlPlaneCache cache, KubeconfigLoader loader) : IDisposable
{
    private readonly ConcurrentDictionary<string, (string? Version, KubeApi Api)> clients = new(StringComparer.Ordinal);

    /// <summary>The member's client, or why there is none (the message never holds the kubeconfig).</summary>
    public KubeApi? Get(string cluster, out string? problem)
    {
        problem = null;
        var secret = cache.Templates[TemplateKinds.Secret.Kind].Get(KarmadaNames.ClusterSecretNamespace, cluster);
        if (secret?["data"]?["kubeconfig"]?.GetValue<string>() is not { } encoded)
        {
            problem = $"Secret {KarmadaNames.ClusterSecretNamespace}/{cluster} with key kubeconfig is missing.";
            return null;
        }

        var version = secret.ResourceVersion();
        if (clients.TryGetValue(cluster, out var known) && known.Version == version)
        {
            return known.Api;
        }

        KubeApi api;
        try
        {
            api = KubeApi.FromKubeconfig(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)), loader);
        }
        catch (Exception error) when (error is InvalidOperationException or FormatException)
        {
            problem = $"The kubeconfig of cluster {cluster} is refused: {error.Message}";
            return null;
        }

        clients[cluster] = (version, api);
        if (known.Api is not null)
        {
            // Requests still running on the old client fail and are retried on the new one.
            known.Api.Dispose();
        }

        return api;
    }

    public void Dispose()
    {
        foreach (var (_, api) in clients.Values)
        {
            api.Dispose();
        }
    }
}
