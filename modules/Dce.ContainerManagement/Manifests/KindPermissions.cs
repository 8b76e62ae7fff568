using Dce.ContainerManagement.Apis;
using Dce.ContainerManagement.Apis.Resources;

namespace Dce.ContainerManagement.Manifests;

/// <summary>
/// The permission each kind needs in a manifest: what its form endpoints require (<c>create</c> or <c>update</c> on
/// the resource type their Api names), so a manifest's Secret needs what <c>POST .../secrets</c> needs. A kind with no form endpoint (PersistentVolumeClaim,
/// ServiceAccount) needs a permission on its own resource type, which only roles granting every Container Management
/// resource type (<c>kpanda:*:*</c>) hold. A namespaced kind the generic endpoints create (<see cref="ServedResources"/>:
/// Ingress, NetworkPolicy, HorizontalPodAutoscaler, ...) needs the permission its own endpoint asks. A kind missing
/// here cannot be applied by manifest at all.
/// </summary>
public static class KindPermissions
{
    public static readonly KindPermission Workloads = CreateOrUpdate(WorkloadsApi.Resource);
    public static readonly KindPermission Services = CreateOrUpdate(ServicesApi.Resource);
    public static readonly KindPermission ConfigMaps = CreateOrUpdate(ConfigMapsApi.Resource);
    public static readonly KindPermission Secrets = CreateOrUpdate(SecretsApi.Resource);
    public static readonly KindPermission Namespaces = CreateOrUpdate(NamespacesApi.Resource);

    /// <summary>The namespace's one quota is set by <c>PUT .../resourcequotas</c>, whether it exists yet or not.</summary>
    public static readonly KindPermission ResourceQuotas = UpdateOnly(NamespacesApi.QuotaResource);

    /// <summary>The namespace's one LimitRange is set by <c>PUT .../limitranges</c>.</summary>
    public static readonly KindPermission LimitRanges = UpdateOnly(NamespacesApi.LimitRangeResource);

    public static readonly KindPermission PersistentVolumeClaims = CreateOrUpdate(ServedResources.Claims);
    public static readonly KindPermission ServiceAccounts = CreateOrUpdate("serviceaccounts");

    private static readonly Dictionary<string, KindPermission> ByKind = WithServedResources(new(StringComparer.Ordinal)
    {
        ["Deployment"] = Workloads,
        ["StatefulSet"] = Workloads,
        ["DaemonSet"] = Workloads,
        ["Job"] = Workloads,
        ["CronJob"] = Workloads,
        ["Service"] = Services,
        ["ConfigMap"] = ConfigMaps,
        ["Secret"] = Secrets,
        ["Namespace"] = Namespaces,
        ["ResourceQuota"] = ResourceQuotas,
        ["LimitRange"] = LimitRanges,
        ["PersistentVolumeClaim"] = PersistentVolumeClaims,
        ["ServiceAccount"] = ServiceAccounts,
    });

    /// <summary>The permission objects of <paramref name="kind"/> need, or null when no permission opens them to callers.</summary>
    public static KindPermission? For(string kind) => ByKind.GetValueOrDefault(kind);

    private static Dictionary<string, KindPermission> WithServedResources(Dictionary<string, KindPermission> byKind)
    {
        foreach (var served in ServedResources.All.Where(s => s.Kind.Namespaced && s.Routes.HasFlag(ResourceRoutes.Create)))
        {
            byKind.TryAdd(served.Kind.Kind, CreateOrUpdate(served.Permission));
        }

        return byKind;
    }

    private static KindPermission CreateOrUpdate(string resourceType) => new(new("create", resourceType), new("update", resourceType));

    private static KindPermission UpdateOnly(string resourceType) => new(new("update", resourceType), new("update", resourceType));
}
