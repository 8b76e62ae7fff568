namespace Dce.KubeSim.Configuration;

/// <summary>The clusters served when configuration names none: two clouds in different regions and an arm64 edge site.</summary>
public static class DefaultProfiles
{
    public static IReadOnlyList<ClusterProfile> Create() =>
    [
        new()
        {
            Name = "cloud-east", Provider = "aws", Region = "us-east-1", Zones = ["us-east-1a", "us-east-1b", "us-east-1c"],
            KubernetesVersion = "v1.32.2",
            NodePools =
            [
                new() { Name = "control-plane", Count = 1, Cpu = "4", Memory = "16Gi", ControlPlane = true, InstanceType = "m6i.xlarge" },
                new() { Name = "general", Count = 3, Cpu = "8", Memory = "32Gi", InstanceType = "m6i.2xlarge" },
                new() { Name = "graviton", Count = 1, Architecture = "arm64", Cpu = "8", Memory = "32Gi", InstanceType = "m7g.2xlarge" },
            ],
        },
        new()
        {
            Name = "cloud-west", Provider = "azure", Region = "westeurope", Zones = ["westeurope-1", "westeurope-2"],
            KubernetesVersion = "v1.31.5",
            NodePools =
            [
                new() { Name = "control-plane", Count = 1, Cpu = "4", Memory = "16Gi", ControlPlane = true, InstanceType = "Standard_D4s_v5" },
                new() { Name = "general", Count = 2, Cpu = "16", Memory = "64Gi", InstanceType = "Standard_D16s_v5" },
            ],
        },
        new()
        {
            Name = "edge-arm", Provider = "edge", Region = "factory-1", Zones = ["line-a"],
            KubernetesVersion = "v1.30.9",
            NodePools =
            [
                new() { Name = "control-plane", Count = 1, Architecture = "arm64", Cpu = "4", Memory = "8Gi", ControlPlane = true, InstanceType = "rk3588" },
                new() { Name = "edge", Count = 2, Architecture = "arm64", Cpu = "4", Memory = "8Gi", MaxPods = 60, InstanceType = "rk3588" },
            ],
        },
    ];
}
