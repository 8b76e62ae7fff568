using System.Text.Json.Nodes;
using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Kubernetes;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// A workload as DCE answers it (<c>v1alpha1Deployment</c>, <c>v1alpha1Job</c>, ...): the object as the cluster holds
/// it, marked with its cluster, plus what DCE derives from it: the one-word state (<c>status.state</c>, or
/// <c>status.phase</c> for Jobs and CronJobs), a Deployment's revision, a Job's <c>status.succeed</c>, a CronJob's
/// <c>spec.paused</c>, last run and images.
/// </summary>
internal static class WorkloadObjects
{
    public static JsonObject Of(WorkloadKind kind, JsonObject obj, string cluster)
    {
        var info = kind.Info();
        var summary = info.Summary(info.FromJson(obj.ToJsonString()));
        obj = ResourceHandlers.Stamp(obj, cluster);
        var deleting = obj["metadata"]?["deletionTimestamp"] is not null;
        if (obj["status"] is not JsonObject status)
        {
            obj["status"] = status = [];
        }

        switch (kind)
        {
            case WorkloadKind.Job:
                status["phase"] = deleting ? "Deleting" : JobPhase(summary.Status);
                status["succeed"] = status["succeeded"]?.DeepClone() ?? 0;
                obj["executionTimestamp"] = status["startTime"]?.DeepClone();
                break;
            case WorkloadKind.CronJob:
                status["phase"] = deleting ? "Deleting_CronJob" : summary.Status == WorkloadStatus.Paused ? "Stopped_CronJob" : "Activated_CronJob";
                if (obj["spec"] is JsonObject spec)
                {
                    spec["paused"] = spec["suspend"]?.DeepClone() ?? false;
                }

                obj["executionTimestamp"] = status["lastScheduleTime"]?.DeepClone();
                obj["images"] = new JsonArray([.. summary.Images.Select(i => (JsonNode?)i)]);
                break;
            default:
                status["state"] = deleting ? "Deleting" : State(summary.Status);
                status["replicas"] ??= summary.DesiredReplicas;
                if (obj["metadata"]?["annotations"]?[WorkloadRevisions.RevisionAnnotation] is { } revision)
                {
                    obj["revision"] = revision.DeepClone();
                }

                break;
        }

        return obj;
    }

    /// <summary>The field DCE's answers to an action name the workload in: <c>{"deployment": ...}</c>.</summary>
    public static string AnswerField(WorkloadKind kind) => kind switch
    {
        WorkloadKind.Deployment => "deployment",
        WorkloadKind.StatefulSet => "statefulSet",
        WorkloadKind.DaemonSet => "daemonSet",
        WorkloadKind.Job => "job",
        _ => "cronjob",
    };

    private static string State(WorkloadStatus status) => status switch
    {
        WorkloadStatus.Running or WorkloadStatus.Paused or WorkloadStatus.Completed => "Running",
        WorkloadStatus.Stopped => "Stopped",
        WorkloadStatus.Failed => "Not_Ready",
        _ => "Waiting",
    };

    private static string JobPhase(WorkloadStatus status) => status switch
    {
        WorkloadStatus.Completed => "Completed",
        WorkloadStatus.Failed => "Failed",
        WorkloadStatus.Running => "Running",
        _ => "Waiting",
    };
}
