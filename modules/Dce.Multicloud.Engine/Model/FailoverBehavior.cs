namespace Dce.Multicloud.Engine.Model;

/// <summary>A propagation policy's <c>failover</c>.</summary>
public sealed record FailoverBehavior
{
    public ApplicationFailoverBehavior? Application { get; init; }
}
