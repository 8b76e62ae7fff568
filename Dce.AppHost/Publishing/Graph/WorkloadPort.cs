namespace Dce.AppHost.Publishing.Graph;

/// <summary>An endpoint of a workload in the cluster: the Service's port and the container's.</summary>
public sealed record WorkloadPort(string Name, int ServicePort, int ContainerPort, string Scheme, bool External);
