using System.Text.Json.Nodes;
using Dce.Kubernetes.Quantities;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Storage;

/// <summary>
/// The persistent volume controller and the CSI sidecars in one loop: binds claims to matching static volumes,
/// provisions <c>pvc-&lt;uid&gt;</c> volumes for claims of a known class (at once, or once the scheduler picked a node
/// for WaitForFirstConsumer classes), grows expanded claims, and reclaims volumes whose claim is gone.
/// </summary>
public sealed class VolumeProvisioner : IController
{
    private const string Component = "persistentvolume-controller";
    private readonly HashSet<string> reported = new(StringComparer.Ordinal);

    public TimeSpan MinInterval => TimeSpan.FromMilliseconds(50);

    public void Reconcile(SimulatedCluster cluster, DateTime now)
    {
        var claimType = cluster.Type("", "persistentvolumeclaims");
        var volumeType = cluster.Type("", "persistentvolumes");
        var claims = cluster.Store.List(claimType.StorageKey, null, c => !c.Deleting).Items;
        var volumes = cluster.Store.List(volumeType.StorageKey, null).Items.Select(v => v.Parse()).ToList();
        foreach (var volume in volumes.Where(v => v.StrAt("status.phase") is null or "Pending" && v.At("spec.claimRef") is null))
        {
            SetVolumePhase(cluster, volumeType, volume.At("metadata").Str("name")!, "Available");
        }
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in claims)
        {
            var obj = claim.Parse();
            if (obj.StrAt("status.phase") == "Bound")
            {
                VolumeExpansion.Step(cluster, claim, obj);
                continue;
            }
            Bind(cluster, claim, obj, volumes, taken);
        }
        Reclaim(cluster, volumeType, claimType, volumes);
        reported.RemoveWhere(key => !claims.Any(c => key.StartsWith(c.Uid, StringComparison.Ordinal)));
    }

    private void Bind(SimulatedCluster cluster, StoredObject claim, JsonObject obj, List<JsonObject> volumes, HashSet<string> taken)
    {
        var claimType = cluster.Type("", "persistentvolumeclaims");
        var className = obj.StrAt("spec.storageClassName") ?? "";
        var wanted = obj.StrAt("spec.volumeName");
        var match = !string.IsNullOrEmpty(wanted)
            ? volumes.FirstOrDefault(v => v.At("metadata").Str("name") == wanted && ClaimRefAllows(v, claim))
            : volumes.Where(v => !taken.Contains(v.At("metadata").Str("name")!) && v.At("spec.claimRef") is null && v.StrAt("status.phase") is null or "Pending" or "Available"
                    && (v.StrAt("spec.storageClassName") ?? "") == className && Fits(v, obj))
                .OrderBy(v => Quantity.Parse(v.StrAt("spec.capacity.storage")).Value).FirstOrDefault();
        if (match is not null)
        {
            taken.Add(match.At("metadata").Str("name")!);
            VolumeBinding.Bind(cluster, claim, match, provisioner: null);
            return;
        }
        if (!string.IsNullOrEmpty(wanted))
        {
            return;
        }
        if (className.Length == 0)
        {
            ReportOnce(cluster, claimType, claim, "FailedBinding", "no persistent volumes available for this claim and no storage class is set", warning: false);
            return;
        }
        var storageClass = StorageClassLookup.Find(cluster.Store, cluster.Catalog, className);
        if (storageClass is null)
        {
            ReportOnce(cluster, claimType, claim, "ProvisioningFailed", $"storageclass.storage.k8s.io \"{className}\" not found", warning: true);
            return;
        }
        var provisioner = storageClass.Str("provisioner") ?? "";
        if (provisioner == "kubernetes.io/no-provisioner")
        {
            ReportOnce(cluster, claimType, claim, "WaitForFirstConsumer", "waiting for first consumer to be created before binding", warning: false);
            return;
        }
        var selectedNode = obj.At("metadata.annotations").Str(PodVolumes.SelectedNodeAnnotation);
        if (StorageClassLookup.WaitsForFirstConsumer(storageClass) && string.IsNullOrEmpty(selectedNode))
        {
            ReportOnce(cluster, claimType, claim, "WaitForFirstConsumer", "waiting for first consumer to be created before binding", warning: false);
            return;
        }
        ReportOnce(cluster, claimType, claim, "ExternalProvisioning",
            $"Waiting for a volume to be created either by the external provisioner '{provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the volume is being created.",
            warning: false);
        EventRecorder.Record(cluster, claimType, claim, "Provisioning", $"External provisioner is provisioning volume for claim \"{claim.Namespace}/{claim.Name}\"", provisioner);
        if (VolumeBinding.Provision(cluster, claim, obj, storageClass, selectedNode) is { } volume)
        {
            EventRecorder.Record(cluster, claimType, claim, "ProvisioningSucceeded", $"Successfully provisioned volume {volume.Name}", provisioner);
            VolumeBinding.Bind(cluster, claim, volume.Parse(), provisioner);
        }
    }

    private static bool ClaimRefAllows(JsonObject volume, StoredObject claim) =>
        volume.At("spec.claimRef") is not JsonObject claimRef
        || (claimRef.Str("name") == claim.Name && claimRef.Str("namespace") == claim.Namespace && (claimRef.Str("uid") ?? claim.Uid) == claim.Uid);

    private static bool Fits(JsonObject volume, JsonObject claim)
    {
        var requested = Quantity.Parse(claim.StrAt("spec.resources.requests.storage")).Value;
        var capacity = Quantity.Parse(volume.StrAt("spec.capacity.storage")).Value;
        var offered = (volume.At("spec.accessModes") as JsonArray ?? []).Select(m => m?.ToString()).ToHashSet();
        return capacity >= requested && (claim.At("spec.accessModes") as JsonArray ?? []).All(m => offered.Contains(m?.ToString()))
            && (volume.StrAt("spec.volumeMode") ?? "Filesystem") == (claim.StrAt("spec.volumeMode") ?? "Filesystem");
    }

    private static void Reclaim(SimulatedCluster cluster, ResourceType volumeType, ResourceType claimType, List<JsonObject> volumes)
    {
        foreach (var volume in volumes.Where(v => v.At("spec.claimRef") is JsonObject && v.StrAt("status.phase") == "Bound"))
        {
            var claimRef = volume.At("spec.claimRef");
            var claim = cluster.Store.Get(claimType.StorageKey, claimRef.Str("namespace") ?? "", claimRef.Str("name") ?? "");
            if (claim is not null && (claimRef.Str("uid") is not { Length: > 0 } uid || uid == claim.Uid))
            {
                continue;
            }
            var name = volume.At("metadata").Str("name")!;
            if (volume.StrAt("spec.persistentVolumeReclaimPolicy") == "Delete")
            {
                try
                {
                    cluster.Objects.Delete(volumeType, "", name);
                }
                catch (ApiException)
                {
                    // Deleted meanwhile.
                }
            }
            else
            {
                SetVolumePhase(cluster, volumeType, name, "Released");
            }
        }
    }

    private static void SetVolumePhase(SimulatedCluster cluster, ResourceType volumeType, string name, string phase) =>
        cluster.Objects.Mutate(volumeType, "", name, v =>
        {
            if (v.StrAt("status.phase") == phase)
            {
                return false;
            }
            v.Obj("status")["phase"] = phase;
            return true;
        }, "status");

    private void ReportOnce(SimulatedCluster cluster, ResourceType claimType, StoredObject claim, string reason, string message, bool warning)
    {
        if (reported.Add(claim.Uid + "/" + reason))
        {
            EventRecorder.Record(cluster, claimType, claim, reason, message, Component, warning);
        }
    }
}
