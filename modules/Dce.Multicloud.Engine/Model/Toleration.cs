namespace Dce.Multicloud.Engine.Model;

/// <summary>A placement's <c>clusterTolerations</c> entry, Kubernetes' <c>corev1.Toleration</c>.</summary>
public sealed record Toleration
{
    /// <summary>Empty with <see cref="TolerationOperator.Exists"/> tolerates every key.</summary>
    public string? Key { get; init; }

    /// <summary>Absent means <see cref="TolerationOperator.Equal"/>, as in Kubernetes.</summary>
    public TolerationOperator? Operator { get; init; }

    public string? Value { get; init; }

    /// <summary>Absent tolerates every effect.</summary>
    public TaintEffect? Effect { get; init; }

    public long? TolerationSeconds { get; init; }
}
