namespace Dce.KubeSim.Configuration;

/// <summary>One simulated cluster described as data: where it runs, which Kubernetes it pretends to be, its nodes.</summary>
public sealed class ClusterProfile
{
    public string Name { get; set; } = "";
    /// <summary>A built-in profile (aws, azure, gcp, openshift, vmware, onprem-arm64, edge) filling in what this one leaves out.</summary>
    public string? Profile { get; set; }
    /// <summary>aws, azure, gcp, openshift, vmware, edge or on-prem.</summary>
    public string Provider { get; set; } = "on-prem";
    public string Region { get; set; } = "local";
    public List<string> Zones { get; set; } = [];
    public string KubernetesVersion { get; set; } = "v1.32.2";
    /// <summary>The bearer token clients must present; generated when empty.</summary>
    public string? Token { get; set; }
    public List<NodePool> NodePools { get; set; } = [];
    /// <summary>Whether to create the system workloads (coredns and friends) in kube-system.</summary>
    public bool SystemWorkloads { get; set; } = true;
    /// <summary>
    /// Serves the API only, as a Karmada or other control-plane API server: no nodes, no system workloads, no workload
    /// controllers; Deployments and other templates stay as written.
    /// </summary>
    public bool ApiServerOnly { get; set; }
    /// <summary>The loopback port serving this cluster's API at the root; a free one (kept across restarts) when unset.</summary>
    public int? Port { get; set; }
    /// <summary>The cluster's StorageClasses; the provider's usual ones when empty.</summary>
    public List<StorageClassProfile> StorageClasses { get; set; } = [];
    /// <summary>The address of the cluster's ingress controller, which every Ingress's status carries once it is created.</summary>
    public string IngressAddress { get; set; } = "127.0.0.1";
}

/// <summary>A StorageClass a cluster starts with.</summary>
public sealed class StorageClassProfile
{
    public string Name { get; set; } = "standard";
    public string Provisioner { get; set; } = "rancher.io/local-path";
    public bool Default { get; set; }
    /// <summary>Immediate or WaitForFirstConsumer.</summary>
    public string VolumeBindingMode { get; set; } = "WaitForFirstConsumer";
    public bool AllowVolumeExpansion { get; set; } = true;
    /// <summary>Delete or Retain.</summary>
    public string ReclaimPolicy { get; set; } = "Delete";
    public Dictionary<string, string> Parameters { get; set; } = [];
}

/// <summary>A group of identical nodes.</summary>
public sealed class NodePool
{
    public string Name { get; set; } = "worker";
    public int Count { get; set; } = 3;
    public string Architecture { get; set; } = "amd64";
    public string Cpu { get; set; } = "8";
    public string Memory { get; set; } = "32Gi";
    public int MaxPods { get; set; } = 110;
    public bool ControlPlane { get; set; }
    public string InstanceType { get; set; } = "standard";
    public Dictionary<string, string> Labels { get; set; } = [];
}
