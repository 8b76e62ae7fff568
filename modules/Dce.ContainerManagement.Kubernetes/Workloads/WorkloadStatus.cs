namespace Dce.ContainerManagement.Kubernetes;

/// <summary>The one-word state DCE shows for a workload.</summary>
public enum WorkloadStatus
{
    Running,
    Waiting,
    Stopped,
    Paused,
    Completed,
    Failed,
}
