namespace Dce.ContainerManagement.Kubernetes;

/// <summary>A Secret as shown to users: values masked as <c>******</c> unless revealed, then decoded text.</summary>
public sealed record SecretView(
    string Namespace,
    string Name,
    string Type,
    IReadOnlyDictionary<string, string> Data,
    IReadOnlyDictionary<string, string> Labels,
    DateTime? CreationTimestamp);
