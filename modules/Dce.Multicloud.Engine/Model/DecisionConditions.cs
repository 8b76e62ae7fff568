namespace Dce.Multicloud.Engine.Model;

/// <summary>When an application failover is decided.</summary>
public sealed record DecisionConditions
{
    public int? TolerationSeconds { get; init; }
}
