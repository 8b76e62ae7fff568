namespace Dce.Multicloud.Engine.Model;

/// <summary>Limits an image overrider to the one image at <see cref="Path"/> (a JSON pointer).</summary>
public sealed record ImagePredicate
{
    public string Path { get; init; } = "";
}
