using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dce.Kubernetes.Kubeconfigs;
using Dce.Multicloud.Propagation.Api;
using Dce.Multicloud.Propagation.Informers;
using Dce.Multicloud.Propagation.Templates;

namespace Dce.Multicloud.Propagation.Members;

/// <summary>
/// A client per member cluster, built from the credentials its join left (<see cref="MemberCredentials"/>) through the
/// platform's kubeconfig loader, and rebuilt when the Secret or the Cluster's endpoint changes.
/// </summary>
public sealed class MemberClients(ControlPlaneCache cache, KubeconfigLoader loader) : IDisposable
{
    private readonly ConcurrentDictionary<string, (string? Version, KubeApi Api)> clients = new(StringComparer.Ordinal);
    private readonly Lock rebuilding = new();

    /// <summary>The member's client, or why there is none (the message never holds the kubeconfig).</summary>
    public KubeApi? Get(string cluster, out string? problem)
    {
        problem = null;
        var member = cache.Clusters.Get(null, cluster);
        var (secretNamespace, secretName) = MemberCredentials.SecretOf(cluster, member);
        var secret = cache.Templates[TemplateKinds.Secret.Kind].Get(secretNamespace, secretName);
        var version = secret is null ? null : $"{secret.ResourceVersion()}/{member?["spec"]?["apiEndpoint"]}";
        if (version is not null && clients.TryGetValue(cluster, out var known) && known.Version == version)
        {
            return known.Api;
        }

        lock (rebuilding)
        {
            return Build(cluster, member, secret, version, secretNamespace, secretName, out problem);
        }
    }

    private KubeApi? Build(string cluster, JsonObject? member, JsonObject? secret, string? version, string secretNamespace, string secretName, out string? problem)
    {
        problem = null;
        if (version is not null && clients.TryGetValue(cluster, out var known) && known.Version == version)
        {
            return known.Api;
        }

        string? kubeconfig;
        try
        {
            kubeconfig = secret is null ? null : MemberCredentials.Kubeconfig(cluster, member, secret);
        }
        catch (FormatException)
        {
            kubeconfig = null;
        }

        if (kubeconfig is null)
        {
            problem = $"Secret {secretNamespace}/{secretName} with a kubeconfig, or a token and the Cluster's apiEndpoint, is missing.";
            return null;
        }

        KubeApi api;
        try
        {
            api = KubeApi.FromKubeconfig(kubeconfig, loader);
        }
        catch (InvalidOperationException error)
        {
            problem = $"The kubeconfig of cluster {cluster} is refused: {error.Message}";
            return null;
        }

        if (clients.TryGetValue(cluster, out var replaced))
        {
            // Requests still running on the old client fail and are retried on the new one.
            replaced.Api.Dispose();
        }

        clients[cluster] = (version, api);
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
