namespace Dce.Kubernetes.Manifests;

/// <summary>A manifest refused for its size or shape before it was deserialized.</summary>
public sealed class ManifestShapeException(string message) : Exception(message);
