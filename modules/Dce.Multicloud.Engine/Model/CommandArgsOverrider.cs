namespace Dce.Multicloud.Engine.Model;

/// <summary>Adds items to or removes items from one container's command or args.</summary>
public sealed record CommandArgsOverrider
{
    public string ContainerName { get; init; } = "";

    /// <summary><see cref="OverriderOperator.Add"/> or <see cref="OverriderOperator.Remove"/>.</summary>
    public OverriderOperator Operator { get; init; }

    public IReadOnlyList<string> Value { get; init; } = [];
}
