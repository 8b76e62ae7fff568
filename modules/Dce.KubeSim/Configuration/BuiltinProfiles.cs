namespace Dce.KubeSim.Configuration;

/// <summary>
/// One named profile per platform overlay, so a test or a developer gets a cluster the overlay deploys on:
/// the provider's node shapes and labels, its StorageClasses, an arm64 fleet for onprem-arm64 and edge.
/// </summary>
public static class BuiltinProfiles
{
    public static IReadOnlyList<string> Names { get; } = ["aws", "azure", "gcp", "openshift", "vmware", "onprem-arm64", "edge"];

    public static ClusterProfile? Find(string name) => name switch
    {
        "aws" => Cloud("aws", "us-east-1", ["us-east-1a", "us-east-1b", "us-east-1c"], "m6i.xlarge", "m6i.2xlarge"),
        "azure" => Cloud("azure", "westeurope", ["westeurope-1", "westeurope-2", "westeurope-3"], "Standard_D4s_v5", "Standard_D8s_v5"),
        "gcp" => Cloud("gcp", "us-central1", ["us-central1-a", "us-central1-b", "us-central1-c"], "e2-standard-4", "e2-standard-8"),
        "openshift" => Cloud("openshift", "us-east-1", ["us-east-1a", "us-east-1b", "us-east-1c"], "m6i.xlarge", "m6i.2xlarge"),
        "vmware" => Cloud("vmware", "datacenter-1", ["cluster-a"], "vsphere-4x16", "vsphere-8x32"),
        "onprem-arm64" => new ClusterProfile
        {
            Provider = "on-prem", Region = "dc-1", Zones = ["rack-1", "rack-2"],
            NodePools =
            [
                new() { Name = "control-plane", Count = 1, Architecture = "arm64", Cpu = "4", Memory = "16Gi", ControlPlane = true, InstanceType = "ampere-altra-q32" },
                new() { Name = "worker", Count = 3, Architecture = "arm64", Cpu = "16", Memory = "64Gi", InstanceType = "ampere-altra-q64" },
            ],
        },
        "edge" => new ClusterProfile
        {
            Provider = "edge", Region = "factory-1", Zones = ["line-a"], KubernetesVersion = "v1.30.9",
            NodePools =
            [
                new() { Name = "control-plane", Count = 1, Architecture = "arm64", Cpu = "4", Memory = "8Gi", ControlPlane = true, InstanceType = "rk3588" },
                new() { Name = "edge", Count = 2, Architecture = "arm64", Cpu = "4", Memory = "8Gi", MaxPods = 60, InstanceType = "rk3588" },
            ],
        },
        _ => null,
    };

    /// <summary>Fills what <paramref name="configured"/> leaves out from the built-in profile it names.</summary>
    public static ClusterProfile Resolve(ClusterProfile configured)
    {
        if (string.IsNullOrEmpty(configured.Profile))
        {
            return configured;
        }
        var builtin = Find(configured.Profile)
            ?? throw new InvalidOperationException($"Unknown cluster profile '{configured.Profile}'; built-in profiles are {string.Join(", ", Names)}.");
        if (configured.NodePools.Count == 0)
        {
            configured.NodePools = builtin.NodePools;
        }
        if (configured.Zones.Count == 0)
        {
            configured.Zones = builtin.Zones;
        }
        if (configured.StorageClasses.Count == 0)
        {
            configured.StorageClasses = builtin.StorageClasses;
        }
        var defaults = new ClusterProfile();
        if (configured.Provider == defaults.Provider)
        {
            configured.Provider = builtin.Provider;
        }
        if (configured.Region == defaults.Region)
        {
            configured.Region = builtin.Region;
        }
        return configured;
    }

    private static ClusterProfile Cloud(string provider, string region, List<string> zones, string controlPlaneType, string workerType) => new()
    {
        Provider = provider, Region = region, Zones = zones,
        NodePools =
        [
            new() { Name = "control-plane", Count = 1, Cpu = "4", Memory = "16Gi", ControlPlane = true, InstanceType = controlPlaneType },
            new() { Name = "general", Count = 3, Cpu = "8", Memory = "32Gi", InstanceType = workerType },
        ],
    };
}
