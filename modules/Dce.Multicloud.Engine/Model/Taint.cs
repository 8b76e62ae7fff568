namespace Dce.Multicloud.Engine.Model;

/// <summary>A taint on a member cluster (<c>spec.taints</c> of a Karmada Cluster).</summary>
public sealed record Taint
{
    public string Key { get; init; } = "";

    public string? Value { get; init; }

    public TaintEffect Effect { get; init; }

    public DateTimeOffset? TimeAdded { get; init; }

    public override string ToString() => $"{Key}={Value}:{Effect}";
}
