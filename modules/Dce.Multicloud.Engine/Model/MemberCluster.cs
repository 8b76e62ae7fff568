namespace Dce.Multicloud.Engine.Model;

/// <summary>What the scheduler knows of one member cluster for the workload being scheduled.</summary>
public sealed record MemberCluster
{
    public string Name { get; init; } = "";

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public string? Provider { get; init; }

    public string? Region { get; init; }

    public string? Zone { get; init; }

    /// <summary>Further zones of a cluster that spans several (Karmada's <c>zones</c>).</summary>
    public IReadOnlyList<string> Zones { get; init; } = [];

    public IReadOnlyList<Taint> Taints { get; init; } = [];

    public bool Ready { get; init; } = true;

    /// <summary>
    /// How many more replicas of this workload the cluster can run, as an estimator says; null when unknown, which
    /// the scheduler reads as "room for all of them", as Karmada does when no estimator answers.
    /// </summary>
    public int? AvailableReplicas { get; init; }

    /// <summary><see cref="Zone"/> and <see cref="Zones"/> together, without repeats.</summary>
    public IEnumerable<string> AllZones => (Zone is { Length: > 0 } zone ? Zones.Prepend(zone) : Zones).Distinct(StringComparer.Ordinal);

    /// <summary>The view of a Karmada Cluster object, with the estimate of available replicas for the workload.</summary>
    public static MemberCluster FromCluster(Cluster cluster, int? availableReplicas) => new()
    {
        Name = cluster.Metadata.Name,
        Labels = cluster.Metadata.Labels,
        Provider = cluster.Spec.Provider,
        Region = cluster.Spec.Region,
        Zone = cluster.Spec.Zone,
        Zones = cluster.Spec.Zones,
        Taints = cluster.Spec.Taints,
        Ready = cluster.Status.Conditions.Any(condition => condition is { Type: "Ready", Status: "True" }),
        AvailableReplicas = availableReplicas,
    };
}
