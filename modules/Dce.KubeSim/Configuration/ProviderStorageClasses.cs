namespace Dce.KubeSim.Configuration;

/// <summary>The StorageClasses a provider's clusters come with, named as the platform's overlays name them.</summary>
public static class ProviderStorageClasses
{
    public static List<StorageClassProfile> For(string provider) => provider switch
    {
        "aws" =>
        [
            new() { Name = "gp3", Provisioner = "ebs.csi.aws.com", Default = true, Parameters = { ["type"] = "gp3", ["fsType"] = "ext4" } },
            new() { Name = "gp2", Provisioner = "ebs.csi.aws.com", Parameters = { ["type"] = "gp2", ["fsType"] = "ext4" } },
        ],
        "azure" =>
        [
            new() { Name = "managed-csi", Provisioner = "disk.csi.azure.com", Default = true, Parameters = { ["skuname"] = "StandardSSD_LRS" } },
            new() { Name = "managed-csi-premium", Provisioner = "disk.csi.azure.com", Parameters = { ["skuname"] = "Premium_LRS" } },
            new() { Name = "azurefile-csi", Provisioner = "file.csi.azure.com", VolumeBindingMode = "Immediate", Parameters = { ["skuName"] = "Standard_LRS" } },
        ],
        "gcp" =>
        [
            new() { Name = "standard-rwo", Provisioner = "pd.csi.storage.gke.io", Default = true, Parameters = { ["type"] = "pd-balanced" } },
            new() { Name = "premium-rwo", Provisioner = "pd.csi.storage.gke.io", Parameters = { ["type"] = "pd-ssd" } },
        ],
        "openshift" =>
        [
            new()
            {
                Name = "ocs-storagecluster-ceph-rbd", Provisioner = "openshift-storage.rbd.csi.ceph.com", Default = true, VolumeBindingMode = "Immediate",
                Parameters = { ["clusterID"] = "openshift-storage", ["pool"] = "ocs-storagecluster-cephblockpool", ["imageFeatures"] = "layering" },
            },
            new()
            {
                Name = "ocs-storagecluster-cephfs", Provisioner = "openshift-storage.cephfs.csi.ceph.com", VolumeBindingMode = "Immediate",
                Parameters = { ["clusterID"] = "openshift-storage", ["fsName"] = "ocs-storagecluster-cephfilesystem" },
            },
        ],
        "vmware" =>
        [
            new() { Name = "vsphere-csi", Provisioner = "csi.vsphere.vmware.com", Default = true, VolumeBindingMode = "Immediate", Parameters = { ["storagepolicyname"] = "vSAN Default Storage Policy" } },
            new() { Name = "thin-csi", Provisioner = "csi.vsphere.vmware.com", VolumeBindingMode = "WaitForFirstConsumer", Parameters = { ["StoragePolicyName"] = "thin-csi" } },
        ],
        _ => [new() { Name = "local-path", Provisioner = "rancher.io/local-path", Default = true, AllowVolumeExpansion = false }],
    };
}
