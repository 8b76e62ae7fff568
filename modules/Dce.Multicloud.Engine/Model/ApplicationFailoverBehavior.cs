namespace Dce.Multicloud.Engine.Model;

/// <summary>How an unhealthy application is moved to other clusters.</summary>
public sealed record ApplicationFailoverBehavior
{
    public DecisionConditions DecisionConditions { get; init; } = new();

    public PurgeMode? PurgeMode { get; init; }

    public int? GracePeriodSeconds { get; init; }
}
