namespace Dce.Multicloud.Engine.Model;

/// <summary>Changes one component of container images.</summary>
public sealed record ImageOverrider
{
    /// <summary>Absent means every container image of the workload's pod template.</summary>
    public ImagePredicate? Predicate { get; init; }

    public ImageComponent Component { get; init; }

    public OverriderOperator Operator { get; init; }

    public string? Value { get; init; }
}
