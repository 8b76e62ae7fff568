namespace Dce.Multicloud.Engine.Overrides;

/// <summary>Where a workload kind keeps its containers.</summary>
internal static class PodTemplateContainers
{
    /// <summary>The JSON pointer of the containers array, or null for a kind without a pod template.</summary>
    public static string? PathOf(string kind) => kind switch
    {
        "Pod" => "/spec/containers",
        "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" => "/spec/template/spec/containers",
        "CronJob" => "/spec/jobTemplate/spec/template/spec/containers",
        _ => null,
    };
}
