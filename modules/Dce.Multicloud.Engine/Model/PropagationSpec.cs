namespace Dce.Multicloud.Engine.Model;

/// <summary>The spec shared by PropagationPolicy and ClusterPropagationPolicy (<c>policy.karmada.io/v1alpha1</c>).</summary>
public sealed record PropagationSpec
{
    public IReadOnlyList<ResourceSelector> ResourceSelectors { get; init; } = [];

    /// <summary>Absent is 0.</summary>
    public int? Priority { get; init; }

    public bool PropagateDeps { get; init; }

    public Placement Placement { get; init; } = new();

    public FailoverBehavior? Failover { get; init; }

    /// <summary>Absent is <see cref="Model.ConflictResolution.Abort"/>.</summary>
    public ConflictResolution? ConflictResolution { get; init; }
}
