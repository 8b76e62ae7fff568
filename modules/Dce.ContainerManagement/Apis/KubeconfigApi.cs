using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Apis.Rbac;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes.Rbac;
using Dce.Kubernetes.Kubeconfigs;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// <c>GET /clusters/{cluster}/kubeconfig</c>: a kubeconfig for the calling user, never the platform's credential. The
/// user's ServiceAccount in <c>kpanda-system</c> is bound to the ClusterRoles matching their DCE roles on the cluster
/// and its namespaces (refreshed at every call, so rights removed on the platform leave the cluster), and the
/// kubeconfig carries a token of that account from the TokenRequest API, which expires.
/// </summary>
public static class KubeconfigApi
{
    internal const string Resource = "kubeconfigs";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(8);

    public static IEndpointRouteBuilder MapKubeconfigApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiPaths.V1Alpha1 + "/clusters/{cluster}/kubeconfig", GetAsync).Audited("get", Resource).WithTags("Clusters")
            .WithName("GetClusterKubeConfig")
            .WithSummary("A kubeconfig for the caller: a ServiceAccount bound to what their roles on the cluster allow, with an expiring token.");
        return app;
    }

    internal static async Task<IResult> GetAsync([AsParameters] TargetCluster cluster, HttpContext http, KubeconfigVault vault, KubeconfigLoader loader,
        CancellationToken cancellationToken)
    {
        var grants = (await UserAccess.GrantsAsync(http, [cluster.Name])).GetValueOrDefault(cluster.Name) ?? [];
        var subject = http.User.FindFirst("sub")!.Value;
        if (grants.Count == 0)
        {
            if (await KnownClusterAsync(cluster, cancellationToken) is { } known)
            {
                await UserAccounts.RevokeAsync(known.Client, subject, cancellationToken);
            }

            return Problems.Forbidden($"You hold no role on cluster {cluster.Name} or any of its namespaces: there is nothing a kubeconfig could let you do.");
        }

        var connection = await cluster.ConnectAsync(cancellationToken);
        var userName = http.User.FindFirst("preferred_username")?.Value ?? http.User.FindFirst("name")?.Value ?? subject;
        var (token, expires) = await UserAccounts.IssueAsync(connection.Client, subject, userName, grants, TokenLifetime, cancellationToken);
        if (!loader.TryLoad(vault.Unprotect(connection.Cluster.ProtectedKubeconfig), out var platform, out var error))
        {
            throw new InvalidOperationException($"The stored kubeconfig of cluster {cluster.Name} is refused: {error}");
        }

        var defaultNamespace = grants.FirstOrDefault(g => g.Namespace is not null)?.Namespace;
        var text = Write(cluster.Name, platform.Configuration.Host, platform.Configuration.SslCaCerts, UserAccounts.AccountName(subject), token, expires, defaultNamespace);
        return DceJson.Ok(new JsonObject { ["kubeConfigString"] = text });
    }

    // A caller who lost their last right there still has their bindings removed; a cluster that is unknown or not Running is not told.
    private static async Task<ClusterConnection?> KnownClusterAsync(TargetCluster cluster, CancellationToken cancellationToken)
    {
        try
        {
            return await cluster.ConnectAsync(cancellationToken);
        }
        catch (Exception e) when (e is ClusterNotFoundException or ClusterUnavailableException)
        {
            return null;
        }
    }

    // Only the server and the authority that signed it are taken from the platform's kubeconfig; the user is the caller's account.
    private static string Write(string cluster, string server, X509Certificate2Collection? authorities, string account, string token, DateTimeOffset expires, string? ns)
    {
        var user = $"{account}@{cluster}";
        var text = new StringBuilder()
            .AppendLine("apiVersion: v1")
            .AppendLine("kind: Config")
            .AppendLine($"# The token expires at {expires.UtcDateTime:u}; ask for a new kubeconfig then.")
            .AppendLine("clusters:")
            .AppendLine($"- name: {cluster}")
            .AppendLine("  cluster:")
            .AppendLine($"    server: {server.TrimEnd('/')}");
        if (authorities is { Count: > 0 })
        {
            var pem = string.Concat(authorities.Select(c => c.ExportCertificatePem() + "\n"));
            text.AppendLine($"    certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(pem))}");
        }

        text.AppendLine("users:")
            .AppendLine($"- name: {user}")
            .AppendLine("  user:")
            .AppendLine($"    token: {token}")
            .AppendLine("contexts:")
            .AppendLine($"- name: {user}")
            .AppendLine("  context:")
            .AppendLine($"    cluster: {cluster}")
            .AppendLine($"    user: {user}");
        if (ns is not null)
        {
            text.AppendLine($"    namespace: {ns}");
        }

        return text.AppendLine($"current-context: {user}").ToString();
    }
}
