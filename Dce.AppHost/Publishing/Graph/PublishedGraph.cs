namespace Dce.AppHost.Publishing.Graph;

/// <summary>The graph as it runs in a cluster: workloads, the parameters they need, and what could not be expressed.</summary>
public sealed record PublishedGraph(
    IReadOnlyList<Workload> Workloads,
    IReadOnlyList<PublishedParameter> Parameters,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The workloads of one kind, in name order.</summary>
    public IEnumerable<Workload> OfKind(WorkloadKind kind) => Workloads.Where(workload => workload.Kind == kind);

    /// <summary>The workload named <paramref name="name"/>.</summary>
    public Workload Get(string name) => Workloads.Single(workload => workload.Name == name);
}
