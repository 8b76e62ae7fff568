namespace Dce.ContainerManagement.Kubernetes.Rbac;

/// <summary>What a user may do in a cluster: <paramref name="Level"/> in <paramref name="Namespace"/>, or in the whole cluster when it is null.</summary>
public sealed record UserGrant(string? Namespace, AccessLevel Level);
