namespace Dce.ContainerManagement.Apis.Rbac;

/// <summary>DCE's body for a Role or ClusterRole: the object as YAML or JSON text, and (for a new Role) its name when the text has none.</summary>
public sealed record RoleBody(string? Data, string? Name);
