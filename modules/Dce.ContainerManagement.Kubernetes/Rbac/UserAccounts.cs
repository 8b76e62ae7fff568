using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes.Rbac;

/// <summary>
/// A ServiceAccount in the cluster standing for one platform user, bound to exactly the ClusterRoles their DCE roles
/// grant (a RoleBinding per namespace, a ClusterRoleBinding for the whole cluster), with a short-lived token from the
/// TokenRequest API. Every issue brings the bindings in line with the grants, so rights removed on the platform leave
/// the cluster too.
/// </summary>
public static class UserAccounts
{
    public const string Namespace = "kpanda-system";
    public const string AccountLabel = "kpanda.io/user-account";
    public const string UserAnnotation = "kpanda.io/user";

    /// <summary>The account's name: derived from the user's subject, so it is stable, DNS-safe and says nothing of the subject.</summary>
    public static string AccountName(string subject)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)));
        return $"dce-user-{hash[..20]}";
    }

    /// <summary>Brings the user's account and bindings in line with <paramref name="grants"/> and returns a token for it.</summary>
    public static async Task<(string Token, DateTimeOffset Expires)> IssueAsync(IKubernetes client, string subject, string userName, IReadOnlyList<UserGrant> grants,
        TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var account = AccountName(subject);
        await EnsureAsync(client, ResourceKinds.Namespaces, null, Namespace, new JsonObject(), cancellationToken);
        await EnsureAsync(client, ResourceKinds.ServiceAccounts, Namespace, account, new JsonObject(), cancellationToken, userName);
        await SyncAsync(client, account, grants, cancellationToken);
        var request = new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = (long)lifetime.TotalSeconds } };
        var issued = await client.CoreV1.CreateNamespacedServiceAccountTokenAsync(request, account, Namespace, cancellationToken: cancellationToken);
        return (issued.Status.Token, issued.Status.ExpirationTimestamp is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : DateTimeOffset.UtcNow + lifetime);
    }

    /// <summary>Removes every binding of the user's account, for a user who holds nothing on the cluster any more; their tokens then open nothing.</summary>
    public static Task RevokeAsync(IKubernetes client, string subject, CancellationToken cancellationToken) =>
        SyncAsync(client, AccountName(subject), [], cancellationToken);

    private static async Task SyncAsync(IKubernetes client, string account, IReadOnlyList<UserGrant> grants, CancellationToken cancellationToken)
    {
        await SyncRoleBindingsAsync(client, account, grants.Where(g => g.Namespace is not null).ToDictionary(g => g.Namespace!, g => g.Level.ClusterRole()), cancellationToken);
        await SyncClusterRoleBindingAsync(client, account, grants.FirstOrDefault(g => g.Namespace is null)?.Level.ClusterRole(), cancellationToken);
    }

    private static async Task SyncRoleBindingsAsync(IKubernetes client, string account, Dictionary<string, string> wanted, CancellationToken cancellationToken)
    {
        var existing = await ResourceClient.ListAsync(client, ResourceKinds.RoleBindings, null, $"{AccountLabel}={account}", null, cancellationToken);
        foreach (var binding in existing)
        {
            var ns = binding["metadata"]?["namespace"]?.ToString() ?? "";
            if (!wanted.TryGetValue(ns, out var role) || RoleOf(binding) != role || binding["metadata"]?["name"]?.ToString() != account)
            {
                await DeleteQuietlyAsync(client, ResourceKinds.RoleBindings, ns, binding["metadata"]?["name"]?.ToString() ?? account, cancellationToken);
            }
            else
            {
                wanted.Remove(ns);
            }
        }

        foreach (var (ns, role) in wanted)
        {
            await CreateBindingAsync(client, ResourceKinds.RoleBindings, ns, account, role, cancellationToken);
        }
    }

    private static async Task SyncClusterRoleBindingAsync(IKubernetes client, string account, string? wanted, CancellationToken cancellationToken)
    {
        var existing = await ResourceClient.ListAsync(client, ResourceKinds.ClusterRoleBindings, null, $"{AccountLabel}={account}", null, cancellationToken);
        var keep = false;
        foreach (var binding in existing)
        {
            if (wanted is not null && RoleOf(binding) == wanted && binding["metadata"]?["name"]?.ToString() == account)
            {
                keep = true;
                continue;
            }

            await DeleteQuietlyAsync(client, ResourceKinds.ClusterRoleBindings, null, binding["metadata"]?["name"]?.ToString() ?? account, cancellationToken);
        }

        if (wanted is not null && !keep)
        {
            await CreateBindingAsync(client, ResourceKinds.ClusterRoleBindings, null, account, wanted, cancellationToken);
        }
    }

    private static async Task CreateBindingAsync(IKubernetes client, ResourceKind kind, string? ns, string account, string clusterRole, CancellationToken cancellationToken)
    {
        var metadata = new JsonObject { ["name"] = account, ["labels"] = new JsonObject { [AccountLabel] = account } };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        var binding = new JsonObject
        {
            ["apiVersion"] = kind.ApiVersion,
            ["kind"] = kind.Kind,
            ["metadata"] = metadata,
            ["subjects"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = account, ["namespace"] = Namespace }),
            ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = clusterRole },
        };
        try
        {
            await ResourceClient.CreateAsync(client, kind, ns, binding, cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound && ns is not null)
        {
            // A namespace bound to the user's workspace but gone from the cluster: nothing to open there.
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Another call made it meanwhile (or a namespace's binding of the same name is not ours): the roleRef cannot change, so replace it.
            await DeleteQuietlyAsync(client, kind, ns, account, cancellationToken);
            await ResourceClient.CreateAsync(client, kind, ns, binding, cancellationToken);
        }
    }

    private static async Task EnsureAsync(IKubernetes client, ResourceKind kind, string? ns, string name, JsonObject extra, CancellationToken cancellationToken, string? userName = null)
    {
        try
        {
            await ResourceClient.GetAsync(client, kind, ns, name, cancellationToken);
            return;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }

        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
            metadata["labels"] = new JsonObject { [AccountLabel] = name };
        }

        if (userName is not null)
        {
            metadata["annotations"] = new JsonObject { [UserAnnotation] = userName };
        }

        extra["apiVersion"] = kind.ApiVersion;
        extra["kind"] = kind.Kind;
        extra["metadata"] = metadata;
        try
        {
            await ResourceClient.CreateAsync(client, kind, ns, extra, cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
        }
    }

    private static async Task DeleteQuietlyAsync(IKubernetes client, ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            await ResourceClient.DeleteAsync(client, kind, ns, name, cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
    }

    private static string? RoleOf(JsonObject binding) =>
        binding["roleRef"]?["kind"]?.ToString() == "ClusterRole" ? binding["roleRef"]?["name"]?.ToString() : null;
}
