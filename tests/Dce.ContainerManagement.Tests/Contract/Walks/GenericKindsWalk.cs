using System.Text.Json.Nodes;
using static Dce.Testing.Contract.ContractWalk;
using Dce.Testing.Contract;

namespace Dce.ContainerManagement.Tests.Contract.Walks;

/// <summary>
/// The kinds served by the generic endpoints: each is created from YAML, listed (in the namespace and the cluster),
/// read, read as JSON, replaced, patched where DCE patches it, and deleted.
/// </summary>
internal sealed class GenericKindsWalk : IContractWalkStep
{
    public int Order => 10;

    public async Task RunAsync(ContractWalk walk, WalkTarget target)
    {
        var (clusterPath, nsPath) = (target.ClusterPath, target.NamespacePath);

        foreach (var definition in new[] { CustomResourceDefinitions.VolumeSnapshots, CustomResourceDefinitions.CronHorizontalPodAutoscalers, CustomResourceDefinitions.VerticalPodAutoscalers })
        {
            await walk.CallAsync(HttpMethod.Post, $"{clusterPath}/customresourcedefinitions", Data(definition));
        }

        await Namespaced(walk, nsPath, clusterPath, "ingresses", "web", """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, labels: {app: web}}
            spec:
              rules:
              - host: web.example.com
                http:
                  paths:
                  - path: /
                    pathType: Prefix
                    backend: {service: {name: web, port: {number: 80}}}
            """, patch: """{"metadata":{"labels":{"tier":"edge"}}}""", clusterList: true,
            settled: ingress => ingress["status"]?["loadBalancer"]?["ingress"]?.AsArray().Count > 0);
        await Namespaced(walk, nsPath, clusterPath, "networkpolicies", "deny-all", """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-all}
            spec:
              podSelector: {}
              policyTypes: [Ingress]
            """, clusterList: true);
        await Namespaced(walk, nsPath, clusterPath, "persistentvolumeclaims", "data", """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: data}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 1Gi}}
            """, clusterList: true);
        await Namespaced(walk, nsPath, clusterPath, "volumesnapshots", "data-snap", """
            apiVersion: snapshot.storage.k8s.io/v1
            kind: VolumeSnapshot
            metadata: {name: data-snap}
            spec:
              source: {persistentVolumeClaimName: data}
            """, get: false, clusterList: true);
        await Namespaced(walk, nsPath, clusterPath, "horizontalpodautoscalers", "web", """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: web}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              minReplicas: 1
              maxReplicas: 5
              metrics:
              - type: Resource
                resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}
            """, get: false);
        await Namespaced(walk, nsPath, clusterPath, "cronhorizontalpodautoscalers", "nightly", """
            apiVersion: autoscaling.alibabacloud.com/v1beta1
            kind: CronHorizontalPodAutoscaler
            metadata: {name: nightly}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              jobs:
              - name: scale-down
                schedule: "0 0 22 * * *"
                targetSize: 1
            """, get: false);
        await Namespaced(walk, nsPath, clusterPath, "verticalpodautoscalers", "web", """
            apiVersion: autoscaling.k8s.io/v1
            kind: VerticalPodAutoscaler
            metadata: {name: web}
            spec:
              targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              updatePolicy: {updateMode: "Off"}
            """, get: false);

        await ClusterScoped(walk, clusterPath, "persistentvolumes", "pv-walk", """
            apiVersion: v1
            kind: PersistentVolume
            metadata: {name: pv-walk}
            spec:
              capacity: {storage: 5Gi}
              accessModes: [ReadWriteOnce]
              persistentVolumeReclaimPolicy: Retain
              hostPath: {path: /data/pv-walk}
            """, settled: pv => pv["status"]?["phase"] is not null);
        await ClusterScoped(walk, clusterPath, "storageclasses", "walk-fast", """
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata: {name: walk-fast}
            provisioner: kubesim.dce.io/hostpath
            reclaimPolicy: Delete
            volumeBindingMode: Immediate
            """);
        await ClusterScoped(walk, clusterPath, "customresourcedefinitions", "widgets.walk.dce.io",
            CustomResourceDefinitions.Of("walk.dce.io", "widgets", "Widget", "v1"));
    }

    private static async Task Namespaced(ContractWalk walk, string nsPath, string clusterPath, string segment, string name, string yaml,
        string? patch = null, bool get = true, bool clusterList = false, Func<JsonObject, bool>? settled = null)
    {
        await walk.CallAsync(HttpMethod.Post, $"{nsPath}/{segment}", Data(yaml));
        await walk.GetAsync($"{nsPath}/{segment}");
        if (clusterList)
        {
            await walk.GetAsync($"{clusterPath}/{segment}");
        }

        if (get)
        {
            await walk.GetAsync($"{nsPath}/{segment}/{name}");
        }

        // A controller that writes the object's status (an ingress's address) would make a replace read before it a conflict.
        var current = await ObjectAsync(walk, $"{nsPath}/{segment}/{name}/json");
        for (var attempt = 0; settled is not null && current is not null && !settled(current) && attempt < 50; attempt++)
        {
            await Task.Delay(200);
            current = await ObjectAsync(walk, $"{nsPath}/{segment}/{name}/json");
        }

        if (current is not null)
        {
            current["metadata"]!["labels"] = new JsonObject { ["walked"] = "yes" };
            await walk.CallAsync(HttpMethod.Put, $"{nsPath}/{segment}/{name}", Data(current.ToJsonString()));
        }

        if (patch is not null)
        {
            await walk.CallAsync(HttpMethod.Patch, $"{nsPath}/{segment}/{name}", Data(patch));
        }

        await walk.DeleteAsync($"{nsPath}/{segment}/{name}");
    }

    private static async Task<JsonObject?> ObjectAsync(ContractWalk walk, string jsonPath) =>
        (await walk.GetAsync(jsonPath))?["data"]?.GetValue<string>() is { } data ? JsonNode.Parse(data) as JsonObject : null;

    private static async Task ClusterScoped(ContractWalk walk, string clusterPath, string segment, string name, string yaml, Func<JsonObject, bool>? settled = null)
    {
        await walk.CallAsync(HttpMethod.Post, $"{clusterPath}/{segment}", Data(yaml));
        await walk.GetAsync($"{clusterPath}/{segment}");
        await walk.GetAsync($"{clusterPath}/{segment}/{name}");
        // The volume controller writes a new volume's phase; a replace read before that would be a conflict.
        var current = await ObjectAsync(walk, $"{clusterPath}/{segment}/{name}/json");
        for (var attempt = 0; settled is not null && current is not null && !settled(current) && attempt < 50; attempt++)
        {
            await Task.Delay(200);
            current = await ObjectAsync(walk, $"{clusterPath}/{segment}/{name}/json");
        }

        if (current is not null)
        {
            current["metadata"]!["labels"] = new JsonObject { ["walked"] = "yes" };
            await walk.CallAsync(HttpMethod.Put, $"{clusterPath}/{segment}/{name}", Data(current.ToJsonString()));
        }

        await walk.DeleteAsync($"{clusterPath}/{segment}/{name}");
    }
}
