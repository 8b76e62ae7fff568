using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>The job controller's failure rules: the backoff limit counts failed pods, or container restarts under restartPolicy OnFailure.</summary>
public static class JobFailures
{
    public const string BackoffLimitMessage = "Job has reached the specified backoff limit";

    public static bool BackoffLimitExceeded(JsonObject job, IReadOnlyList<StoredObject> pods, int failed)
    {
        if ((job.At("status.conditions") as JsonArray)?.Any(c => c.Str("type") == "Failed" && c.Str("status") == "True") == true)
        {
            return true;
        }
        var limit = job.At("spec").Long("backoffLimit") ?? 6;
        if (failed > limit)
        {
            return true;
        }
        if (job.StrAt("spec.template.spec.restartPolicy") != "OnFailure")
        {
            return false;
        }
        var restarts = pods.Where(p => p.Phase is "Pending" or "Running" && !p.Deleting)
            .Sum(p => (p.Parse().At("status.containerStatuses") as JsonArray ?? []).Sum(c => c.Long("restartCount") ?? 0));
        return limit == 0 ? restarts > 0 : restarts >= limit;
    }

    /// <summary>Deletes the job's running pods once it has failed; returns how many stay active.</summary>
    public static int StopActive(SimulatedCluster cluster, ResourceType podType, IReadOnlyList<StoredObject> pods, int active)
    {
        foreach (var pod in pods.Where(p => p.Phase is "Pending" or "Running" && !p.Deleting))
        {
            try
            {
                cluster.Objects.Delete(podType, pod.Namespace, pod.Name);
                active--;
            }
            catch (ApiException)
            {
                // Already gone.
            }
        }
        return Math.Max(0, active);
    }

    /// <summary>Sets the FailureTarget and Failed conditions; true when the job had not failed before.</summary>
    public static bool MarkFailed(JsonObject status, string stamp)
    {
        var first = (status["conditions"] as JsonArray)?.Any(c => c.Str("type") == "Failed") != true;
        WorkloadMath.SetCondition(status, "FailureTarget", "True", "BackoffLimitExceeded", BackoffLimitMessage, stamp, ConditionClock.LastProbeTime);
        WorkloadMath.SetCondition(status, "Failed", "True", "BackoffLimitExceeded", BackoffLimitMessage, stamp, ConditionClock.LastProbeTime);
        return first;
    }
}
