namespace Dce.ContainerManagement.Manifests;

/// <summary>What creating, and what replacing, an object of one kind needs.</summary>
public sealed record KindPermission(ClusterPermission Create, ClusterPermission Replace);
