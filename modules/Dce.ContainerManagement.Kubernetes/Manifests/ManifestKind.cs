namespace Dce.ContainerManagement.Kubernetes;

/// <summary>A kind a manifest may hold, and whether its objects live in a namespace.</summary>
public sealed record ManifestKind(string ApiVersion, string Kind, bool Namespaced);
