namespace Dce.ContainerManagement.Kubernetes;

/// <summary>The workload kinds the container management module operates on.</summary>
public enum WorkloadKind
{
    Deployment,
    StatefulSet,
    DaemonSet,
    Job,
    CronJob,
}
