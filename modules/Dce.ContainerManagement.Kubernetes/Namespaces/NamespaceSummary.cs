namespace Dce.ContainerManagement.Kubernetes;

/// <summary>A namespace row: phase (Active, Terminating), labels and creation time.</summary>
public sealed record NamespaceSummary(string Name, string Phase, IReadOnlyDictionary<string, string> Labels, DateTime? CreationTimestamp);
