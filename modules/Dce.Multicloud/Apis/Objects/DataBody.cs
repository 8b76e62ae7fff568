namespace Dce.Multicloud.Apis.Objects;

/// <summary>DCE's body for creating, replacing or patching an object: the object (or patch) as YAML or JSON text.</summary>
internal sealed record DataBody(string? Data);
