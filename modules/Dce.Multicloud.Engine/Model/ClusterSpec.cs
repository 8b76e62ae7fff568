namespace Dce.Multicloud.Engine.Model;

/// <summary>The scheduling-relevant part of a Karmada Cluster's spec (<c>cluster.karmada.io/v1alpha1</c>).</summary>
public sealed record ClusterSpec
{
    public string? Provider { get; init; }

    public string? Region { get; init; }

    /// <summary>Deprecated by Karmada in favour of <see cref="Zones"/>; both are read.</summary>
    public string? Zone { get; init; }

    public IReadOnlyList<string> Zones { get; init; } = [];

    public IReadOnlyList<Taint> Taints { get; init; } = [];
}
