using System.Globalization;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Simulation.Controllers;

namespace Dce.KubeSim.Simulation.Pods;

/// <summary>
/// The kubelet's side of a graceful delete: the pod keeps running through its preStop sleep (its endpoints already
/// marked terminating), then its containers get SIGTERM and stop, and the kubelet removes the pod; at the latest when the
/// grace period ends, as SIGKILL would.
/// </summary>
public static class GracefulTermination
{
    public static void Step(SimulatedCluster cluster, ResourceType podType, StoredObject pod, DateTime now)
    {
        var obj = pod.Parse();
        var meta = obj.Metadata();
        if (!PodGrace.IsTerminating(meta) || !DateTime.TryParse(meta.Str("deletionTimestamp"), CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var deadline))
        {
            return;
        }
        var started = deadline.AddSeconds(-(meta.Long("deletionGracePeriodSeconds") ?? 0));
        var stopsAt = started + PodGrace.PreStopSleep(obj);
        if (now < (stopsAt < deadline ? stopsAt : deadline))
        {
            return;
        }
        foreach (var container in Kubelet.Statuses(obj.At("status.containerStatuses")).Keys)
        {
            EventRecorder.Record(cluster, podType, pod, "Killing", $"Stopping container {container}", "kubelet");
        }
        try
        {
            cluster.Objects.Delete(podType, pod.Namespace, pod.Name, new DeleteOptions(PreconditionUid: pod.Uid, GracePeriodSeconds: 0));
        }
        catch (ApiException)
        {
            // Removed by someone else, or replaced by a pod of the same name.
        }
    }
}
