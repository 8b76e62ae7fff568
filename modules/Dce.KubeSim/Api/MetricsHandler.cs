using System.Globalization;
using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Simulation.Usage;

namespace Dce.KubeSim.Api;

/// <summary><c>metrics.k8s.io/v1beta1</c>: node and pod usage as the usage model has it.</summary>
public static class MetricsHandler
{
    public static Task HandleAsync(HttpContext context, SimulatedCluster sim, ApiPath path)
    {
        if (context.Request.Method != "GET")
        {
            throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }
        var usage = UsageModel.Of(sim);
        var (kind, source) = path.Resource switch
        {
            "nodes" when path.Namespace is null => ("NodeMetrics", sim.Store.List(sim.Type("", "nodes").StorageKey, null).Items),
            "pods" => ("PodMetrics", usage.RunningPods.Where(p => path.Namespace is null || p.Namespace == path.Namespace).ToList()),
            _ => throw ApiException.NoResource(),
        };
        var isNodes = kind == "NodeMetrics";
        var selector = new RequestQuery(context.Request.Query).Labels;
        if (!selector.IsEmpty)
        {
            source = source.Where(o => selector.Matches(o.Labels)).ToList();
        }
        JsonObject Item(StoredObject obj) => isNodes ? NodeUsage(obj, usage) : PodUsage(obj, usage);
        if (path.Name is { } name)
        {
            var match = source.FirstOrDefault(o => o.Name == name && (isNodes || o.Namespace == path.Namespace))
                ?? throw new ApiException(404, "NotFound", $"{path.Resource}.metrics.k8s.io \"{name}\" not found");
            return KubeResponses.Node(context, 200, Item(match));
        }
        return KubeResponses.Node(context, 200, new JsonObject
        {
            ["kind"] = kind + "List",
            ["apiVersion"] = "metrics.k8s.io/v1beta1",
            ["metadata"] = new JsonObject(),
            ["items"] = new JsonArray(source.Select(o => (JsonNode)Item(o)).ToArray()),
        });
    }

    private static JsonObject NodeUsage(StoredObject node, UsageModel model)
    {
        var usage = model.Node(node);
        return Metrics("NodeMetrics", node, Usage(usage.CpuMillis, usage.MemoryBytes), containers: null);
    }

    private static JsonObject PodUsage(StoredObject pod, UsageModel model)
    {
        var containers = (model.Pod(pod)?.Containers ?? []).Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["usage"] = Usage(c.CpuMillis, c.MemoryBytes),
        }).ToArray();
        return Metrics("PodMetrics", pod, null, new JsonArray(containers));
    }

    private static JsonObject Usage(long cpuMillis, long memoryBytes) => new()
    {
        ["cpu"] = cpuMillis.ToString(CultureInfo.InvariantCulture) + "m",
        ["memory"] = memoryBytes % 1024 == 0 ? (memoryBytes / 1024).ToString(CultureInfo.InvariantCulture) + "Ki" : memoryBytes.ToString(CultureInfo.InvariantCulture),
    };

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
}
