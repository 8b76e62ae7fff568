using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>
/// Jobs: runs up to parallelism pods until completions pods have succeeded, then reports Complete; replaces failed pods
/// until more than backoffLimit have failed, then reports Failed.
/// </summary>
public sealed class JobController : IController
{
    private readonly CreateBackoff backoff = new();

    public TimeSpan MinInterval => TimeSpan.FromMilliseconds(50);

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var type = cluster.Type("batch", "jobs");
        var podType = cluster.Type("", "pods");
        var jobs = cluster.Store.List(type.StorageKey, null, j => !j.Deleting).Items;
        backoff.KeepOnly(jobs);
        foreach (var job in jobs)
        {
            var obj = job.Parse();
            var spec = obj["spec"];
            var completions = (int)(spec.Long("completions") ?? 1);
            var parallelism = (int)(spec.Long("parallelism") ?? 1);
            var suspended = spec?["suspend"]?.GetValue<bool>() == true;
            var pods = cluster.Store.OwnedBy(podType.StorageKey, job.Uid);
            var succeeded = pods.Count(p => p.Phase == "Succeeded");
            var active = pods.Count(p => p.Phase is "Pending" or "Running" && !p.Deleting);
            var complete = succeeded >= completions;
            var failed = pods.Count(p => p.Phase == "Failed");
            var backoffLimitExceeded = !complete && JobFailures.BackoffLimitExceeded(obj, pods, failed);
            if (backoffLimitExceeded)
            {
                active = JobFailures.StopActive(cluster, podType, pods, active);
            }
            else if (!complete && !suspended)
            {
                var template = obj.At("spec.template") as JsonObject ?? [];
                var labels = new Dictionary<string, string>
                {
                    ["batch.kubernetes.io/job-name"] = job.Name, ["job-name"] = job.Name,
                    ["batch.kubernetes.io/controller-uid"] = job.Uid, ["controller-uid"] = job.Uid,
                };
                for (var i = active; i < Math.Min(parallelism, completions - succeeded) && backoff.MayCreate(cluster, job, now); i++)
                {
                    var creation = PodFactory.Create(cluster, type, job, template, $"{job.Name}-{PodFactory.RandomSuffix()}", labels);
                    if (creation.Pod is not { } pod)
                    {
                        EventRecorder.Record(cluster, type, job, "FailedCreate", $"Error creating: {creation.Error?.Message}", "job-controller", warning: true);
                        backoff.Failed(cluster, job, now);
                        break;
                    }
                    backoff.Succeeded(job);
                    active++;
                    EventRecorder.Record(cluster, type, job, "SuccessfulCreate", $"Created pod: {pod.Name}", "job-controller");
                }
            }
            var stamp = Json.Now();
            cluster.Objects.Mutate(type, job.Namespace, job.Name, latest =>
            {
                var status = latest["status"] as JsonObject ?? [];
                var before = status.ToJsonString();
                status["startTime"] ??= stamp;
                status["active"] = active > 0 ? active : null;
                status["succeeded"] = succeeded > 0 ? succeeded : null;
                status["failed"] = failed > 0 ? failed : null;
                status["ready"] = pods.Count(PodState.IsReady);
                status["uncountedTerminatedPods"] = new JsonObject();
                if (complete)
                {
                    status["completionTime"] ??= stamp;
                    WorkloadMath.SetCondition(status, "SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods", status.Str("completionTime")!, ConditionClock.LastProbeTime);
                    WorkloadMath.SetCondition(status, "Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods", status.Str("completionTime")!, ConditionClock.LastProbeTime);
                    if (before.Contains("\"Complete\"", StringComparison.Ordinal) is false)
                    {
                        EventRecorder.Record(cluster, type, job, "Completed", "Job completed", "job-controller");
                    }
                }
                if (backoffLimitExceeded && JobFailures.MarkFailed(status, stamp))
                {
                    EventRecorder.Record(cluster, type, job, "BackoffLimitExceeded", JobFailures.BackoffLimitMessage, "job-controller", warning: true);
                }
                latest["status"] = status;
                return before != status.ToJsonString();
            }, "status");
        }
    }
}
