using System.Text.Json.Nodes;
using Dce.Kubernetes.Quantities;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Storage;

/// <summary>
/// Grows a bound claim whose request went up, one step per pass as the external resizer and the kubelet do:
/// <c>Resizing</c>, then the volume grows and the claim waits in <c>FileSystemResizePending</c>, then the claim's
/// capacity follows and the conditions clear.
/// </summary>
public static class VolumeExpansion
{
    public static void Step(SimulatedCluster cluster, StoredObject claim, JsonObject obj)
    {
        var requested = obj.StrAt("spec.resources.requests.storage");
        var capacity = obj.StrAt("status.capacity.storage");
        if (requested is null || capacity is null || Quantity.Parse(requested).Value <= Quantity.Parse(capacity).Value)
        {
            return;
        }
        var claimType = cluster.Type("", "persistentvolumeclaims");
        var volumeName = obj.StrAt("spec.volumeName") ?? "";
        var driver = cluster.Store.Get(cluster.Type("", "persistentvolumes").StorageKey, "", volumeName)?.Parse().StrAt("spec.csi.driver") ?? "external-resizer";
        var conditions = (obj.At("status.conditions") as JsonArray ?? []).Select(c => c.Str("type")).ToHashSet(StringComparer.Ordinal);
        var stamp = Json.Now();
        if (conditions.Contains("FileSystemResizePending"))
        {
            cluster.Objects.Mutate(claimType, claim.Namespace, claim.Name, c =>
            {
                var status = c.Obj("status");
                status.Obj("capacity")["storage"] = requested;
                status.Remove("conditions");
                status.Remove("allocatedResourceStatuses");
                return true;
            }, "status");
            EventRecorder.Record(cluster, claimType, claim, "FileSystemResizeSuccessful",
                $"MountVolume.NodeExpandVolume succeeded for volume \"{volumeName}\"", "kubelet");
        }
        else if (conditions.Contains("Resizing"))
        {
            cluster.Objects.Mutate(cluster.Type("", "persistentvolumes"), "", volumeName, v =>
            {
                v.Obj("spec").Obj("capacity")["storage"] = requested;
                return true;
            }, ObjectService.WholeObject);
            cluster.Objects.Mutate(claimType, claim.Namespace, claim.Name, c =>
            {
                var status = c.Obj("status");
                if (status["conditions"] is JsonArray list)
                {
                    list.Clear();
                }
                WorkloadMath.SetCondition(status, "FileSystemResizePending", "True", "",
                    "Waiting for user to (re-)start a pod to finish file system resize of volume on node.", stamp, ConditionClock.NoProbe);
                status["allocatedResourceStatuses"] = new JsonObject { ["storage"] = "NodeResizePending" };
                return true;
            }, "status");
            EventRecorder.Record(cluster, claimType, claim, "FileSystemResizeRequired", "Require file system resize of volume on node", driver);
        }
        else
        {
            cluster.Objects.Mutate(claimType, claim.Namespace, claim.Name, c =>
            {
                var status = c.Obj("status");
                WorkloadMath.SetCondition(status, "Resizing", "True", "", "", stamp, ConditionClock.NoProbe);
                status["allocatedResources"] = new JsonObject { ["storage"] = requested };
                status["allocatedResourceStatuses"] = new JsonObject { ["storage"] = "ControllerResizeInProgress" };
                return true;
            }, "status");
            EventRecorder.Record(cluster, claimType, claim, "Resizing", $"External resizer is resizing volume {volumeName}", driver);
        }
    }
}
