using System.Text.Json;
using Dce.Kubernetes.Resources;
using Dce.Multicloud.Engine.Model;
using Dce.Multicloud.Instances;

namespace Dce.Multicloud.Policies;

/// <summary>The member clusters of an instance, read from its Karmada <c>Cluster</c> objects.</summary>
internal static class MemberClusters
{
    public static ResourceKind Kind { get; } = new("cluster.karmada.io", "v1alpha1", "clusters", "Cluster", Namespaced: false);

    public static async Task<IReadOnlyList<Cluster>> ListAsync(ControlPlane plane, CancellationToken cancellationToken)
    {
        var items = await ResourceClient.ListAsync(plane.Client, Kind, null, cancellationToken: cancellationToken);
        return [.. items.Select(item => item.Deserialize<Cluster>(KarmadaJson.Options) ?? new Cluster())];
    }
}
