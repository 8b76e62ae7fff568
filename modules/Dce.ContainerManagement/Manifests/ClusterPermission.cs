namespace Dce.ContainerManagement.Manifests;

/// <summary>An action on one of Container Management's resource types, as Global Management grants it (<c>create secrets</c>).</summary>
public sealed record ClusterPermission(string Action, string ResourceType);
