using Dce.ClusterSearch.Model;

namespace Dce.ClusterSearch.Search;

/// <summary>Clusterpedia's predefined collection resources: named sets of indexed types searched as one.</summary>
internal static class ResourceCollections
{
    public const string Any = "any";
    public const string Workloads = "workloads";
    public const string KubeResources = "kuberesources";

    public static readonly string[] Names = [Any, Workloads, KubeResources];

    private static readonly string[] WorkloadResources = ["deployments", "daemonsets", "statefulsets"];
    private static readonly string[] BuiltinGroups = ["", "apps", "batch", "networking.k8s.io"];

    /// <summary>
    /// The indexed types of the collection <paramref name="name"/>, null when there is none of that name. For
    /// <see cref="Any"/> these are every indexed type, of which the caller chooses (<see cref="CollectionTypeChoice"/>).
    /// </summary>
    public static IReadOnlyList<ResourceType>? TypesOf(string name, IReadOnlyList<ResourceType> indexed)
    {
        // A type configured twice (in Resources and CustomResources) is still searched once.
        var types = indexed.DistinctBy(t => (t.Group, t.Resource)).ToList();
        return name switch
        {
            Any => types,
            Workloads => [.. types.Where(t => t.Group == "apps" && WorkloadResources.Contains(t.Resource))],
            KubeResources => [.. types.Where(t => BuiltinGroups.Contains(t.Group))],
            _ => null,
        };
    }
}
