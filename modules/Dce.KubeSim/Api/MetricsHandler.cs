using System.Globalization;
using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Api;

/// <summary><c>metrics.k8s.io/v1beta1</c>: node and pod usage derived from what is scheduled, steady per object.</summary>
public static class MetricsHandler
{
    public static Task HandleAsync(HttpContext context, SimulatedCluster sim, ApiPath path)
    {
        if (context.Request.Method != "GET")
        {
            throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }
        var pods = sim.Type("", "pods");
        var running = sim.Store.List(pods.StorageKey, path.Resource == "pods" ? path.Namespace : null, p => p.Phase == "Running").Items;
        JsonObject Item(StoredObject obj, bool isNode) => isNode ? NodeUsage(obj, running) : PodUsage(obj);
        var (kind, source) = path.Resource switch
        {
            "nodes" when path.Namespace is null => ("NodeMetrics", sim.Store.List(sim.Type("", "nodes").StorageKey, null).Items),
            "pods" => ("PodMetrics", running),
            _ => throw ApiException.NoResource(),
        };
        var isNodes = kind == "NodeMetrics";
        if (path.Name is { } name)
        {
            var match = source.FirstOrDefault(o => o.Name == name && (isNodes || o.Namespace == path.Namespace))
                ?? throw new ApiException(404, "NotFound", $"{path.Resource}.metrics.k8s.io \"{name}\" not found");
            return KubeResponses.Node(context, 200, Item(match, isNodes));
        }
        return KubeResponses.Node(context, 200, new JsonObject
        {
            ["kind"] = kind + "List",
            ["apiVersion"] = "metrics.k8s.io/v1beta1",
            ["metadata"] = new JsonObject(),
            ["items"] = new JsonArray(source.Select(o => (JsonNode)Item(o, isNodes)).ToArray()),
        });
    }

    private static JsonObject NodeUsage(StoredObject node, IReadOnlyList<StoredObject> running)
    {
        var count = running.Count(p => p.NodeName == node.Name);
        var cpu = 150 + (count * 25) + Jitter(node.Name, 40);
        var memoryMi = 900 + (count * 64) + Jitter(node.Name, 200);
        return Metrics("NodeMetrics", node, new JsonObject { ["cpu"] = Cpu(cpu), ["memory"] = $"{memoryMi}Mi" }, containers: null);
    }

    private static JsonObject PodUsage(StoredObject pod)
    {
        var containers = (pod.Parse().At("spec.containers") as JsonArray ?? []).Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Str("name"),
            ["usage"] = new JsonObject { ["cpu"] = Cpu(2 + Jitter(pod.Name + c.Str("name"), 20)), ["memory"] = $"{16 + Jitter(pod.Name, 48)}Mi" },
        }).ToArray();
        return Metrics("PodMetrics", pod, null, new JsonArray(containers));
    }

    private static JsonObject Metrics(string kind, StoredObject source, JsonObject? usage, JsonArray? containers)
    {
        var metrics = new JsonObject
        {
            ["kind"] = kind,
            ["apiVersion"] = "metrics.k8s.io/v1beta1",
            ["metadata"] = new JsonObject
            {
                ["name"] = source.Name,
                ["namespace"] = source.Namespace.Length > 0 ? source.Namespace : null,
                ["creationTimestamp"] = Json.Now(),
                ["labels"] = new JsonObject(source.Labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            },
            ["timestamp"] = Json.Now(),
            ["window"] = "10.0s",
        };
        if (usage is not null)
        {
            metrics["usage"] = usage;
        }
        if (containers is not null)
        {
            metrics["containers"] = containers;
        }
        return metrics;
    }

    private static string Cpu(long millicores) => millicores.ToString(CultureInfo.InvariantCulture) + "m";

    private static int Jitter(string seed, int range) => (int)((uint)StableHash(seed) % (uint)range);

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = 17;
            foreach (var c in text)
            {
                hash = (hash * 31) + c;
            }
            return hash;
        }
    }
}
