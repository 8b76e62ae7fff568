using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Simulation;

/// <summary>Records core/v1 Events about objects, as components do, so <c>kubectl describe</c> shows what happened.</summary>
public static class EventRecorder
{
    public static void Record(SimulatedCluster cluster, ResourceType type, StoredObject subject, string reason, string message,
        string component, bool warning = false)
    {
        var ns = subject.Namespace.Length > 0 ? subject.Namespace : "default";
        var now = Json.Now();
        var events = cluster.Type("", "events");
        try
        {
            cluster.Objects.Create(events, ns, new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = $"{subject.Name}.{Guid.NewGuid():N}"[..Math.Min(subject.Name.Length + 17, 253)] },
                ["involvedObject"] = new JsonObject
                {
                    ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion, ["name"] = subject.Name,
                    ["namespace"] = subject.Namespace.Length > 0 ? subject.Namespace : null, ["uid"] = subject.Uid,
                    ["resourceVersion"] = subject.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                ["reason"] = reason,
                ["message"] = message,
                ["type"] = warning ? "Warning" : "Normal",
                ["source"] = new JsonObject { ["component"] = component },
                ["firstTimestamp"] = now,
                ["lastTimestamp"] = now,
                ["count"] = 1,
                ["reportingComponent"] = component,
            });
        }
        catch (ApiException)
        {
            // Events are best effort, as in Kubernetes: a terminating namespace refuses them.
        }
    }
}
