using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation.Storage;

/// <summary>Creates a dynamically provisioned volume and binds a claim and a volume to each other, with the annotations Kubernetes writes.</summary>
public static class VolumeBinding
{
    private const string LocalPath = "rancher.io/local-path";

    public static StoredObject? Provision(SimulatedCluster cluster, StoredObject claim, JsonObject obj, JsonObject storageClass, string? selectedNode)
    {
        var provisioner = storageClass.Str("provisioner") ?? "";
        var name = $"pvc-{claim.Uid}";
        var spec = new JsonObject
        {
            ["capacity"] = new JsonObject { ["storage"] = obj.StrAt("spec.resources.requests.storage") ?? "1Gi" },
            ["accessModes"] = obj.At("spec.accessModes")?.DeepClone() ?? new JsonArray("ReadWriteOnce"),
            ["persistentVolumeReclaimPolicy"] = storageClass.Str("reclaimPolicy") ?? "Delete",
            ["storageClassName"] = storageClass.At("metadata").Str("name"),
            ["volumeMode"] = obj.StrAt("spec.volumeMode") ?? "Filesystem",
        };
        if (provisioner == LocalPath)
        {
            spec["hostPath"] = new JsonObject { ["path"] = $"/opt/local-path-provisioner/{name}_{claim.Namespace}_{claim.Name}", ["type"] = "DirectoryOrCreate" };
            if (!string.IsNullOrEmpty(selectedNode))
            {
                spec["nodeAffinity"] = new JsonObject
                {
                    ["required"] = new JsonObject
                    {
                        ["nodeSelectorTerms"] = new JsonArray(new JsonObject
                        {
                            ["matchExpressions"] = new JsonArray(new JsonObject
                            {
                                ["key"] = "kubernetes.io/hostname", ["operator"] = "In", ["values"] = new JsonArray(selectedNode),
                            }),
                        }),
                    },
                };
            }
        }
        else
        {
            spec["csi"] = new JsonObject
            {
                ["driver"] = provisioner,
                ["volumeHandle"] = $"vol-{claim.Uid.Replace("-", "", StringComparison.Ordinal)[..17]}",
                ["fsType"] = storageClass.At("parameters").Str("fsType") ?? storageClass.At("parameters").Str("csi.storage.k8s.io/fstype") ?? "ext4",
                ["volumeAttributes"] = new JsonObject { ["storage.kubernetes.io/csiProvisionerIdentity"] = $"{cluster.StartedAt.Ticks}-{provisioner}" },
            };
        }
        var volume = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["annotations"] = new JsonObject { ["pv.kubernetes.io/provisioned-by"] = provisioner },
            },
            ["spec"] = spec,
        };
        try
        {
            return cluster.Objects.Create(cluster.Type("", "persistentvolumes"), "", volume);
        }
        catch (ApiException)
        {
            return null;
        }
    }

    /// <summary>Points the volume at the claim and the claim at the volume; both turn Bound.</summary>
    public static void Bind(SimulatedCluster cluster, StoredObject claim, JsonObject volume, string? provisioner)
    {
        var volumeName = volume.At("metadata").Str("name")!;
        var claimType = cluster.Type("", "persistentvolumeclaims");
        cluster.Objects.Mutate(cluster.Type("", "persistentvolumes"), "", volumeName, v =>
        {
            v.Obj("spec")["claimRef"] = new JsonObject
            {
                ["kind"] = "PersistentVolumeClaim", ["namespace"] = claim.Namespace, ["name"] = claim.Name, ["uid"] = claim.Uid,
                ["apiVersion"] = "v1", ["resourceVersion"] = claim.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            if (provisioner is null)
            {
                v.Metadata().Obj("annotations")["pv.kubernetes.io/bound-by-controller"] = "yes";
            }
            v.Obj("status")["phase"] = "Bound";
            return true;
        }, ObjectService.WholeObject);
        cluster.Objects.Mutate(claimType, claim.Namespace, claim.Name, c =>
        {
            var annotations = c.Metadata().Obj("annotations");
            annotations["pv.kubernetes.io/bind-completed"] = "yes";
            if (string.IsNullOrEmpty(c.StrAt("spec.volumeName")))
            {
                annotations["pv.kubernetes.io/bound-by-controller"] = "yes";
            }
            if (provisioner is not null)
            {
                annotations["volume.beta.kubernetes.io/storage-provisioner"] = provisioner;
                annotations["volume.kubernetes.io/storage-provisioner"] = provisioner;
            }
            c.Obj("spec")["volumeName"] = volumeName;
            c["status"] = new JsonObject
            {
                ["phase"] = "Bound",
                ["accessModes"] = volume.At("spec.accessModes")?.DeepClone(),
                ["capacity"] = volume.At("spec.capacity")?.DeepClone(),
            };
            return true;
        }, ObjectService.WholeObject);
        EventRecorder.Record(cluster, claimType, claim, "Bound", $"Successfully bound to volume {volumeName}", "persistentvolume-controller");
    }
}
