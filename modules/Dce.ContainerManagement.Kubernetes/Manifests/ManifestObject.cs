namespace Dce.ContainerManagement.Kubernetes;

/// <summary>An object named by a manifest: kind, namespace (null for cluster-scoped) and name.</summary>
public sealed record ManifestObject(string Kind, string? Namespace, string Name);
