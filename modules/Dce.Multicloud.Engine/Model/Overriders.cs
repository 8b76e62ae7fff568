namespace Dce.Multicloud.Engine.Model;

/// <summary>The overriders of a rule, applied in Karmada's order: image, command, args, labels, annotations, plaintext.</summary>
public sealed record Overriders
{
    public IReadOnlyList<PlaintextOverrider> Plaintext { get; init; } = [];

    public IReadOnlyList<ImageOverrider> ImageOverrider { get; init; } = [];

    public IReadOnlyList<CommandArgsOverrider> CommandOverrider { get; init; } = [];

    public IReadOnlyList<CommandArgsOverrider> ArgsOverrider { get; init; } = [];

    public IReadOnlyList<LabelAnnotationOverrider> LabelsOverrider { get; init; } = [];

    public IReadOnlyList<LabelAnnotationOverrider> AnnotationsOverrider { get; init; } = [];
}
