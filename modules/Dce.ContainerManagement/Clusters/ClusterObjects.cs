using System.Globalization;
using System.Text.Json.Nodes;
using Dce.ContainerManagement.Model;

namespace Dce.ContainerManagement.Clusters;

/// <summary>
/// A cluster as DCE shows it (<c>v1alpha1Cluster</c>): its name, labels and join time in metadata; provider, region,
/// zone and alias in spec; in status the phase, version, node and pod counts, CPU and memory allocatable and usage,
/// and the health loop's conditions. Never its kubeconfig.
/// </summary>
public static class ClusterObjects
{
    /// <summary>Marks a cluster joined from the platform's embedded simulated clusters.</summary>
    public const string EmbeddedAnnotation = "kpanda.io/embedded";

    public static JsonObject Of(ClusterView cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var status = new JsonObject
        {
            ["phase"] = cluster.Phase,
            ["kubernetesVersion"] = cluster.KubernetesVersion,
        };
        var conditions = new JsonArray();
        if (cluster.Summary is { } summary)
        {
            status["kubernetesVersion"] = summary.KubernetesVersion ?? cluster.KubernetesVersion;
            status["nodeSummary"] = new JsonObject { ["totalNum"] = summary.Nodes, ["readyNum"] = summary.ReadyNodes };
            status["podSummary"] = new JsonObject { ["totalNum"] = summary.Pods };
            status["resourceSummary"] = new JsonObject
            {
                ["allocatable"] = new JsonObject { ["cpu"] = Number(summary.Cpu.Allocatable), ["memory"] = Number(summary.Memory.Allocatable) },
                ["allocated"] = new JsonObject { ["cpu"] = Number(summary.Cpu.Usage ?? 0), ["memory"] = Number(summary.Memory.Usage ?? 0) },
            };
            status["cpuUsage"] = summary.Cpu.UsagePercent;
            status["memoryUsage"] = summary.Memory.UsagePercent;
            foreach (var condition in summary.Conditions)
            {
                conditions.Add(new JsonObject
                {
                    ["type"] = condition.Type,
                    ["status"] = condition.Status,
                    ["reason"] = condition.Reason,
                    ["message"] = condition.Message,
                    ["lastUpdateTime"] = condition.LastProbeTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                });
            }
        }

        if (cluster.PhaseMessage is { } message && cluster.Phase != nameof(ClusterPhase.Running))
        {
            conditions.Add(new JsonObject { ["type"] = "Reachable", ["status"] = "False", ["reason"] = cluster.Phase, ["message"] = message });
        }

        status["conditions"] = conditions;
        var annotations = new JsonObject();
        if (cluster.Embedded)
        {
            annotations[EmbeddedAnnotation] = "true";
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = cluster.Name,
                ["creationTimestamp"] = cluster.CreatedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ["labels"] = new JsonObject(cluster.Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))),
                ["annotations"] = annotations,
            },
            ["spec"] = new JsonObject
            {
                ["provider"] = cluster.Provider,
                ["region"] = cluster.Region,
                ["zone"] = cluster.Zone,
                ["aliasName"] = cluster.Alias,
            },
            ["status"] = status,
        };
    }

    private static string Number(double value) => Math.Round(value, 3).ToString(CultureInfo.InvariantCulture);
}
