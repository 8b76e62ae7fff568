using System.Collections.Concurrent;
using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes;

namespace Dce.ContainerManagement.Apis.CustomResources;

/// <summary>
/// Which resource a <c>gvr/{group}/{version}/{resource}</c> path names, from the cluster's discovery: its kind and
/// whether it lives in a namespace. Each replica asks the cluster itself and keeps what it learned for
/// <see cref="Freshness"/>; a resource missing from a kept answer is asked again, so a definition just created is found.
/// Kubernetes' own API groups and the kinds with endpoints of their own are not served here (<see cref="Refusal"/>).
/// </summary>
public sealed class CustomResourceTypes(TimeProvider time)
{
    public const string Permission = "customresources";
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);
    private const int MaxKept = 512;

    // Kubernetes' own groups: their kinds have endpoints of their own (workloads, secrets, RBAC, storage, ...) or are
    // not the module's to expose at all (tokens, reviews, certificates, leases, admission, API registration, metrics).
    private static readonly HashSet<string> KubernetesGroups = new(StringComparer.Ordinal)
    {
        "", "core", "apps", "batch", "autoscaling", "policy", "extensions", "networking.k8s.io", "storage.k8s.io",
        "rbac.authorization.k8s.io", "authentication.k8s.io", "authorization.k8s.io", "certificates.k8s.io",
        "coordination.k8s.io", "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io",
        "scheduling.k8s.io", "node.k8s.io", "discovery.k8s.io", "events.k8s.io", "flowcontrol.apiserver.k8s.io",
        "resource.k8s.io", "internal.apiserver.k8s.io", "storagemigration.k8s.io", "metrics.k8s.io",
    };

    private readonly ConcurrentDictionary<(string Cluster, string Group, string Version), (DateTimeOffset Until, IReadOnlyList<DiscoveredResource> Resources)> _kept = new();

    /// <summary>Why <paramref name="group"/>/<paramref name="resource"/> is not served by the gvr endpoints, or null when it may be.</summary>
    public static string? Refusal(string group, string resource)
    {
        if (KubernetesGroups.Contains(group))
        {
            return $"{group switch { "" or "core" => "The core group", _ => group }} is one of Kubernetes' own API groups; its kinds are served by their own endpoints or not at all.";
        }

        return ServedResources.All.Any(s => s.Kind.Group == group && s.Kind.Plural == resource)
            ? $"{resource}.{group} has endpoints of its own: use /clusters/{{cluster}}/.../{ServedResources.All.First(s => s.Kind.Group == group && s.Kind.Plural == resource).Segment}."
            : null;
    }

    /// <summary>The resource as the cluster serves it, or the answer saying why it is not served here.</summary>
    public async Task<(ServedResource? Served, IResult? Problem)> ResolveAsync(TargetCluster cluster, string group, string version, string resource,
        CancellationToken cancellationToken)
    {
        if (Refusal(group, resource) is { } refusal)
        {
            return (null, new Validation().Require(false, "group", refusal).Problem());
        }

        var key = (cluster.Name, group, version);
        var found = Find(key, resource);
        if (found is null)
        {
            var resources = await ApiDiscovery.ResourcesAsync(await cluster.ClientAsync(cancellationToken), group, version, cancellationToken);
            if (resources.Count > 0)
            {
                if (_kept.Count >= MaxKept)
                {
                    _kept.Clear();
                }

                _kept[key] = (time.GetUtcNow() + Freshness, resources);
            }

            found = resources.FirstOrDefault(r => r.Kind.Plural == resource);
        }

        return found is null
            ? (null, Problems.NotFound($"resource {resource} in {group}/{version} of cluster {cluster.Name}"))
            : (Served(found.Kind), null);
    }

    public static ServedResource Served(ResourceKind kind) =>
        new(kind, $"{kind.Plural}.{kind.Group}", Permission, ResourceRoutes.Crud | ResourceRoutes.Patch, "CustomResources") { IsCustom = true };

    private DiscoveredResource? Find((string, string, string) key, string resource) =>
        _kept.TryGetValue(key, out var kept) && kept.Until > time.GetUtcNow()
            ? kept.Resources.FirstOrDefault(r => r.Kind.Plural == resource)
            : null;
}
