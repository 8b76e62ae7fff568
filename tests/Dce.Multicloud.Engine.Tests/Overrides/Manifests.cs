using System.Text.Json.Nodes;

namespace Dce.Multicloud.Engine.Tests.Overrides;

/// <summary>Workload manifests for the override tests.</summary>
internal static class Manifests
{
    public static JsonObject Deployment() => JsonNode.Parse("""
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": { "name": "nginx", "namespace": "shop", "labels": { "app": "nginx", "tier": "web" } },
          "spec": {
            "replicas": 3,
            "template": {
              "metadata": { "labels": { "app": "nginx" } },
              "spec": {
                "containers": [
                  { "name": "nginx", "image": "nginx:1.25", "command": ["nginx", "-g", "daemon off;"] },
                  { "name": "sidecar", "image": "registry.example.com:5000/tools/proxy:v1", "args": ["--verbose", "--port=80"] }
                ]
              }
            }
          }
        }
        """)!.AsObject();

    public static JsonObject CronJob() => JsonNode.Parse("""
        {
          "apiVersion": "batch/v1",
          "kind": "CronJob",
          "metadata": { "name": "report", "namespace": "shop" },
          "spec": { "schedule": "0 * * * *", "jobTemplate": { "spec": { "template": { "spec": { "containers": [ { "name": "report", "image": "busybox" } ] } } } } }
        }
        """)!.AsObject();

    public static string? At(this JsonObject manifest, string path)
    {
        JsonNode? node = manifest;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonArray array ? array[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)] : node?[part];
        }

        return node?.ToJsonString();
    }
}
