using System.Text.Json.Nodes;
using Dce.KubeSim.Configuration;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Clusters;

/// <summary>Builds a Node object from a profile's node pool: labels, capacity, addresses, conditions, taints.</summary>
public static class NodeFactory
{
    public static JsonObject Create(ClusterProfile profile, NodePool pool, int ordinal, int clusterIndex)
    {
        var name = $"{profile.Name}-{pool.Name}-{ordinal}";
        var zone = profile.Zones.Count > 0 ? profile.Zones[clusterIndex % profile.Zones.Count] : profile.Region + "-a";
        var labels = new JsonObject
        {
            ["kubernetes.io/hostname"] = name,
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = pool.Architecture,
            ["beta.kubernetes.io/arch"] = pool.Architecture,
            ["beta.kubernetes.io/os"] = "linux",
            ["topology.kubernetes.io/region"] = profile.Region,
            ["topology.kubernetes.io/zone"] = zone,
            ["node.kubernetes.io/instance-type"] = pool.InstanceType,
            ["dce.io/provider"] = profile.Provider,
            ["dce.io/node-pool"] = pool.Name,
            ["type"] = "kubesim",
        };
        if (pool.ControlPlane)
        {
            labels["node-role.kubernetes.io/control-plane"] = "";
        }
        foreach (var role in ProviderRoles(profile.Provider, pool.ControlPlane))
        {
            labels[role] = "";
        }
        foreach (var (key, value) in pool.Labels)
        {
            labels[key] = value;
        }
        var resources = new JsonObject
        {
            ["cpu"] = pool.Cpu, ["memory"] = pool.Memory, ["pods"] = ClusterBootstrap.Format(pool.MaxPods),
            ["ephemeral-storage"] = "100Gi",
        };
        var node = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = labels,
                ["annotations"] = new JsonObject { ["node.alpha.kubernetes.io/ttl"] = "0", ["kwok.x-k8s.io/node"] = "fake" },
            },
            ["spec"] = new JsonObject { ["podCIDR"] = $"10.244.{clusterIndex}.0/24", ["providerID"] = $"kubesim://{profile.Provider}/{name}" },
            ["status"] = new JsonObject
            {
                ["capacity"] = resources.DeepClone(),
                ["allocatable"] = resources,
                ["addresses"] = new JsonArray(
                    new JsonObject { ["type"] = "InternalIP", ["address"] = $"10.0.{clusterIndex / 250}.{(clusterIndex % 250) + 2}" },
                    new JsonObject { ["type"] = "Hostname", ["address"] = name }),
                ["conditions"] = NodeConditions.All(ready: true),
                ["nodeInfo"] = new JsonObject
                {
                    ["architecture"] = pool.Architecture, ["operatingSystem"] = "linux", ["osImage"] = "Ubuntu 24.04 LTS",
                    ["kernelVersion"] = "6.8.0", ["containerRuntimeVersion"] = "containerd://1.7.24",
                    ["kubeletVersion"] = profile.KubernetesVersion, ["kubeProxyVersion"] = profile.KubernetesVersion,
                    ["machineID"] = name, ["systemUUID"] = name, ["bootID"] = name,
                },
                ["phase"] = "Running",
            },
        };
        if (pool.ControlPlane)
        {
            node.Obj("spec")["taints"] = new JsonArray(new JsonObject { ["key"] = "node-role.kubernetes.io/control-plane", ["effect"] = "NoSchedule" });
        }
        return node;
    }

    /// <summary>The role labels a provider's installer puts on its nodes: OpenShift's master/worker, an edge site's edge role.</summary>
    private static IEnumerable<string> ProviderRoles(string provider, bool controlPlane) => (provider, controlPlane) switch
    {
        ("openshift", true) => ["node-role.kubernetes.io/master"],
        ("openshift", false) => ["node-role.kubernetes.io/worker"],
        ("edge", false) => ["node-role.kubernetes.io/edge"],
        _ => [],
    };
}

/// <summary>The conditions a kubelet reports on its node.</summary>
public static class NodeConditions
{
    public static JsonArray All(bool ready)
    {
        var now = Json.Now();
        JsonObject Condition(string type, bool status, string reason, string message) => new()
        {
            ["type"] = type, ["status"] = status ? "True" : "False", ["reason"] = reason, ["message"] = message,
            ["lastHeartbeatTime"] = now, ["lastTransitionTime"] = now,
        };
        return
        [
            Condition("MemoryPressure", false, "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            Condition("DiskPressure", false, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            Condition("PIDPressure", false, "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            ready ? Condition("Ready", true, "KubeletReady", "kubelet is posting ready status")
                  : new JsonObject
                  {
                      ["type"] = "Ready", ["status"] = "Unknown", ["reason"] = "NodeStatusUnknown", ["message"] = "Kubelet stopped posting node status.",
                      ["lastHeartbeatTime"] = now, ["lastTransitionTime"] = now,
                  },
        ];
    }
}
