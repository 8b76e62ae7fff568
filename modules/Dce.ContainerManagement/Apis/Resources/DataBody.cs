namespace Dce.ContainerManagement.Apis.Resources;

/// <summary>DCE's body for creating, replacing or patching one object: the object (or the patch) as YAML or JSON text.</summary>
public sealed record DataBody(string? Data);
