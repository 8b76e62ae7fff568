namespace Dce.ContainerManagement.Kubernetes;

/// <summary>A manifest read and checked: every document, or why it is refused (nothing may be applied then).</summary>
public sealed record ManifestReading(IReadOnlyList<ManifestDocument> Documents, string? Problem)
{
    public bool Succeeded => Problem is null;

    public static ManifestReading Refused(string problem) => new([], problem);
}
