using System.Globalization;
using System.Text.Json.Nodes;
using Dce.KubeSim.Api.Metrics;
using Dce.KubeSim.Configuration;

namespace Dce.KubeSim.Clusters;

/// <summary>
/// Creates what a fresh cluster has: system namespaces, nodes from the profile, a storage class, the kube-state-metrics
/// Service, system workloads; an API-server-only cluster gets the namespaces, the kubernetes Service and the bootstrap
/// RBAC policy alone.
/// </summary>
public static class ClusterBootstrap
{
    public static void Seed(SimulatedCluster cluster)
    {
        var objects = cluster.Objects;
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            objects.Create(cluster.Type("", "namespaces"), "", new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        }
        objects.Create(cluster.Type("", "services"), "default", Parse("""
            {"metadata":{"name":"kubernetes","labels":{"component":"apiserver","provider":"kubernetes"}},
             "spec":{"clusterIP":"10.96.0.1","ports":[{"name":"https","port":443,"protocol":"TCP","targetPort":6443}]}}
            """));
        Authorization.BootstrapPolicy.Seed(cluster);
        if (cluster.Profile.ApiServerOnly)
        {
            return;
        }
        var index = 0;
        foreach (var pool in cluster.Profile.NodePools)
        {
            for (var i = 0; i < pool.Count; i++, index++)
            {
                objects.Create(cluster.Type("", "nodes"), "", NodeFactory.Create(cluster.Profile, pool, i, index));
            }
        }
        foreach (var storageClass in StorageClasses(cluster.Profile))
        {
            objects.Create(cluster.Type("storage.k8s.io", "storageclasses"), "", storageClass);
        }
        objects.Create(cluster.Type("", "services"), KubeStateMetrics.ServiceNamespace, KubeStateMetricsService());
        if (cluster.Profile.SystemWorkloads)
        {
            SystemWorkloads.Create(cluster);
        }
    }

    private static IEnumerable<JsonObject> StorageClasses(ClusterProfile profile) =>
        (profile.StorageClasses.Count > 0 ? profile.StorageClasses : ProviderStorageClasses.For(profile.Provider)).Select(c => new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = c.Name,
                ["annotations"] = c.Default ? new JsonObject { ["storageclass.kubernetes.io/is-default-class"] = "true" } : null,
            },
            ["provisioner"] = c.Provisioner,
            ["parameters"] = c.Parameters.Count > 0 ? new JsonObject(c.Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))) : null,
            ["reclaimPolicy"] = c.ReclaimPolicy,
            ["allowVolumeExpansion"] = c.AllowVolumeExpansion,
            ["volumeBindingMode"] = c.VolumeBindingMode,
        });

    // No selector: the simulation answers for kube-state-metrics through the service proxy, no pod backs it.
    private static JsonObject KubeStateMetricsService() => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = KubeStateMetrics.ServiceName,
            ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = KubeStateMetrics.ServiceName },
        },
        ["spec"] = new JsonObject
        {
            ["ports"] = new JsonArray(new JsonObject
            {
                ["name"] = KubeStateMetrics.PortName, ["port"] = KubeStateMetrics.Port, ["protocol"] = "TCP", ["targetPort"] = KubeStateMetrics.PortName,
            }),
        },
    };

    internal static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    internal static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
