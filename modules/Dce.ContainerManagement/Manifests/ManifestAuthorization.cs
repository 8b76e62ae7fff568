using k8s.Models;
using Dce.ContainerManagement.Kubernetes;
using Dce.Platform.Contracts.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dce.ContainerManagement.Manifests;

/// <summary>
/// Authorizes every document of a manifest as its own form endpoint would (<see cref="KindPermissions"/>), through the
/// same question <c>RequireClusterPermission</c> asks, in the document's namespace or, for a cluster-scoped kind, in the
/// cluster. Each distinct question is asked once.
/// </summary>
internal static class ManifestAuthorization
{
    /// <summary>Null when the caller may apply every document; otherwise the 403 (or 503) naming the first refused one.</summary>
    public static async Task<ProblemHttpResult?> RefusalAsync(HttpContext http, string cluster, IReadOnlyList<ManifestDocument> documents, ManifestApplyMode mode)
    {
        var answers = new Dictionary<ClusterAccessRequest, bool>();
        foreach (var document in documents)
        {
            if (KindPermissions.For(document.Kind) is not { } kind)
            {
                return Problems.Forbidden($"{document}: no permission opens {document.Kind} objects to manifests. Nothing was applied.");
            }

            var permission = mode == ManifestApplyMode.Create ? kind.Create : kind.Replace;
            foreach (var request in RequestsFor(document, permission, cluster))
            {
                if (!answers.TryGetValue(request, out var allowed))
                {
                    try
                    {
                        allowed = answers[request] = await http.IsClusterActionAllowedAsync(request);
                    }
                    catch (HttpRequestException)
                    {
                        return DependencyUnavailable.Problem(http, "Authorization cannot be checked right now: Global Management cannot be reached. Nothing was applied.");
                    }
                }

                if (!allowed)
                {
                    return Problems.Forbidden($"{document}: {ClusterPermissionCheck.RefusalDetail(request)} Nothing was applied.");
                }
            }
        }

        return null;
    }

    // A Secret holding a service account's token is a credential of that account: it needs what creating a service
    // account needs, as on the secrets endpoints.
    private static IEnumerable<ClusterAccessRequest> RequestsFor(ManifestDocument document, ClusterPermission permission, string cluster)
    {
        yield return new ClusterAccessRequest(permission.Action, permission.ResourceType, cluster, document.Namespace);
        if (document.Object is V1Secret { Type: Apis.SecretsApi.ServiceAccountTokenType })
        {
            yield return new ClusterAccessRequest("create", Apis.ServiceAccountsApi.Resource, cluster, document.Namespace);
        }
    }
}
