using System.Text.Json.Nodes;

namespace Dce.KubeSim.Machinery;

/// <summary>The defaults the API server fills in, where clients and controllers read them.</summary>
public static class ObjectDefaults
{
    public static void Apply(ResourceType type, JsonObject obj)
    {
        switch (type.Kind)
        {
            case "Namespace":
                obj.Obj("spec")["finalizers"] ??= new JsonArray("kubernetes");
                obj.Obj("status")["phase"] ??= "Active";
                obj.Metadata().Obj("labels")["kubernetes.io/metadata.name"] = obj.Metadata().Str("name");
                break;
            case "Pod":
                obj.Obj("status")["phase"] ??= "Pending";
                var podSpec = obj.Obj("spec");
                podSpec["restartPolicy"] ??= "Always";
                podSpec["schedulerName"] ??= "default-scheduler";
                podSpec["terminationGracePeriodSeconds"] ??= 30;
                podSpec["dnsPolicy"] ??= "ClusterFirst";
                foreach (var container in (podSpec["containers"] as JsonArray ?? []).Concat(podSpec["initContainers"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    container["imagePullPolicy"] ??= Simulation.Pods.ContainerRuntime.DefaultPullPolicy(container.Str("image") ?? "");
                }
                PodResourceDefaults.Apply(obj);
                break;
            case "Deployment":
                var spec = obj.Obj("spec");
                spec["replicas"] ??= 1;
                spec["revisionHistoryLimit"] ??= 10;
                spec["progressDeadlineSeconds"] ??= 600;
                var strategy = spec.Obj("strategy");
                strategy["type"] ??= "RollingUpdate";
                if (strategy.Str("type") == "RollingUpdate")
                {
                    var rolling = strategy.Obj("rollingUpdate");
                    rolling["maxSurge"] ??= "25%";
                    rolling["maxUnavailable"] ??= "25%";
                }
                break;
            case "ReplicaSet" or "StatefulSet":
                obj.Obj("spec")["replicas"] ??= 1;
                if (type.Kind == "StatefulSet")
                {
                    obj.Obj("spec")["podManagementPolicy"] ??= "OrderedReady";
                    obj.Obj("spec").Obj("updateStrategy")["type"] ??= "RollingUpdate";
                }
                break;
            case "CustomResourceDefinition" when type.Group == "apiextensions.k8s.io":
                CustomResourceDefinitionStatus.Apply(obj);
                break;
            case "DaemonSet":
                obj.Obj("spec").Obj("updateStrategy")["type"] ??= "RollingUpdate";
                break;
            case "Job":
                var jobSpec = obj.Obj("spec");
                jobSpec["completions"] ??= 1;
                jobSpec["parallelism"] ??= 1;
                jobSpec["backoffLimit"] ??= 6;
                break;
            case "Service":
                var serviceSpec = obj.Obj("spec");
                serviceSpec["type"] ??= "ClusterIP";
                if (serviceSpec.Str("clusterIP") is null && serviceSpec.Str("type") != "ExternalName")
                {
                    var hash = (uint)obj.Metadata().Str("uid")!.GetHashCode(StringComparison.Ordinal);
                    serviceSpec["clusterIP"] = $"10.96.{(hash >> 8) % 256}.{hash % 254 + 1}";
                }
                serviceSpec["sessionAffinity"] ??= "None";
                foreach (var port in serviceSpec["ports"] as JsonArray ?? [])
                {
                    if (port is JsonObject p)
                    {
                        p["protocol"] ??= "TCP";
                        p["targetPort"] ??= p["port"]?.DeepClone();
                    }
                }
                break;
        }
    }
}
