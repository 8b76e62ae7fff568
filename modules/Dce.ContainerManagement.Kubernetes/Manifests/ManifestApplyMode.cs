namespace Dce.ContainerManagement.Kubernetes;

/// <summary>Whether a manifest creates new objects or replaces existing ones.</summary>
public enum ManifestApplyMode
{
    Create,
    Update,
}
