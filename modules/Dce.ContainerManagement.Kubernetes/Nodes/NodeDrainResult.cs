namespace Dce.ContainerManagement.Kubernetes;

/// <summary>What a drain did: the pods evicted (<c>namespace/name</c>) and those the cluster refused to evict.</summary>
public sealed record NodeDrainResult(IReadOnlyList<string> Evicted, IReadOnlyList<NodeDrainFailure> Failures);

/// <summary>A pod that could not be evicted, with the cluster's status code and message.</summary>
public sealed record NodeDrainFailure(string Pod, int StatusCode, string Message);
