using Dce.ContainerManagement.GlobalManagement;
using Dce.ContainerManagement.Kubernetes;
using Dce.ContainerManagement.Namespaces;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dce.ContainerManagement.Manifests;

/// <summary>
/// A manifest's ResourceQuota and LimitRange go through the checks of <c>PUT .../resourcequotas</c> and
/// <c>PUT .../limitranges</c>: the one object of each the module manages per namespace, the same field rules, and for
/// the quota the workspace's ceiling (<see cref="NamespaceQuotaCeiling"/>). A second, differently named quota would
/// escape the ceiling, which counts the managed one.
/// </summary>
internal static class ManifestNamespaceSettings
{
    /// <summary>The field rules, which need no cluster.</summary>
    public static Validation Validate(IReadOnlyList<ManifestDocument> documents)
    {
        var validation = new Validation();
        foreach (var document in documents)
        {
            switch (document.Object)
            {
                case V1ResourceQuota quota:
                    validation.Require(document.Name == NamespaceOperations.QuotaName, $"{document} metadata.name",
                            $"The module manages one ResourceQuota per namespace, named {NamespaceOperations.QuotaName}; name it {NamespaceOperations.QuotaName}.")
                        .Require(quota.Spec?.Scopes is null or { Count: 0 } && quota.Spec?.ScopeSelector is null, $"{document} spec",
                            "A namespace quota sets spec.hard only, as PUT .../resourcequotas does; remove spec.scopes and spec.scopeSelector.")
                        .Hard(HardOf(quota), $"{document} spec.hard");
                    break;
                case V1LimitRange range:
                    validation.Require(document.Name == NamespaceOperations.LimitRangeName, $"{document} metadata.name",
                            $"The module manages one LimitRange per namespace, named {NamespaceOperations.LimitRangeName}; name it {NamespaceOperations.LimitRangeName}.")
                        .LimitItems(range.Spec?.Limits?.ToList() ?? [], $"{document} spec.limits");
                    break;
            }
        }

        return validation;
    }

    /// <summary>Null when every quota fits what its workspace has left on the cluster; otherwise the refusal by dimension.</summary>
    public static async Task<ValidationProblem?> CeilingProblemAsync(IKubernetes client, string cluster, IReadOnlyList<ManifestDocument> documents,
        GlobalManagementClient globalManagement, CancellationToken cancellationToken)
    {
        foreach (var document in documents)
        {
            if (document.Object is not V1ResourceQuota quota)
            {
                continue;
            }

            var ns = document.Namespace!;
            var workspace = await globalManagement.WorkspaceQuotaAsync(cluster, ns, cancellationToken);
            var exceeded = await NamespaceQuotaCeiling.CheckAsync(client, ns, HardOf(quota), workspace, cancellationToken);
            if (exceeded.Count > 0)
            {
                return TypedResults.ValidationProblem(exceeded.ToDictionary(e => $"{document} spec.hard.{e.Key}", e => e.Value),
                    title: "The quota exceeds the workspace's quota; nothing was applied.");
            }
        }

        return null;
    }

    private static Dictionary<string, string> HardOf(V1ResourceQuota quota) =>
        quota.Spec?.Hard?.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal) ?? [];
}
