using System.Globalization;
using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Controllers;

/// <summary>CronJobs: creates a Job at each scheduled minute and keeps the configured job history.</summary>
public sealed class CronJobController : IController
{
    public TimeSpan MinInterval => TimeSpan.FromSeconds(1);

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var type = cluster.Type("batch", "cronjobs");
        var jobType = cluster.Type("batch", "jobs");
        foreach (var cron in cluster.Store.List(type.StorageKey, null, c => !c.Deleting).Items)
        {
            var obj = cron.Parse();
            if (obj.At("spec.suspend")?.GetValue<bool>() == true || CronSchedule.TryParse(obj.At("spec").Str("schedule") ?? "") is not { } schedule)
            {
                continue;
            }
            var since = Parse(obj.At("status").Str("lastScheduleTime")) ?? Parse(obj.At("metadata").Str("creationTimestamp")) ?? now;
            var jobs = cluster.Store.OwnedBy(jobType.StorageKey, cron.Uid);
            if (schedule.LastBetween(since, now) is { } due)
            {
                var name = $"{cron.Name}-{(long)(due - DateTime.UnixEpoch).TotalMinutes}";
                var template = obj.At("spec.jobTemplate")?.DeepClone() as JsonObject ?? [];
                var metadata = template["metadata"] as JsonObject ?? [];
                metadata["name"] = name;
                metadata["ownerReferences"] = new JsonArray(WorkloadMath.OwnerReference(type, cron));
                metadata.Obj("annotations")["batch.kubernetes.io/cronjob-scheduled-timestamp"] = due.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                try
                {
                    cluster.Objects.Create(jobType, cron.Namespace, new JsonObject { ["metadata"] = metadata, ["spec"] = template["spec"]?.DeepClone() });
                    EventRecorder.Record(cluster, type, cron, "SuccessfulCreate", $"Created job {name}", "cronjob-controller");
                }
                catch (ApiException)
                {
                    // Already created for this minute.
                }
                cluster.Objects.Mutate(type, cron.Namespace, cron.Name, latest =>
                {
                    latest.Obj("status")["lastScheduleTime"] = due.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                    return true;
                }, "status");
            }
            var keep = (int)(obj.At("spec").Long("successfulJobsHistoryLimit") ?? 3);
            var finished = jobs.Where(j => j.Parse().At("status").Str("completionTime") is not null).OrderBy(j => j.ResourceVersion).ToList();
            foreach (var old in finished.Take(Math.Max(0, finished.Count - keep)))
            {
                try
                {
                    cluster.Objects.Delete(jobType, old.Namespace, old.Name);
                }
                catch (ApiException)
                {
                    // Already gone.
                }
            }
        }
    }

    private static DateTime? Parse(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
