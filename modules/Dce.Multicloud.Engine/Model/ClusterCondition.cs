namespace Dce.Multicloud.Engine.Model;

/// <summary>A condition of a Karmada Cluster's status, such as <c>Ready</c>.</summary>
public sealed record ClusterCondition
{
    public string Type { get; init; } = "";

    public string Status { get; init; } = "";

    public string? Reason { get; init; }

    public string? Message { get; init; }
}
