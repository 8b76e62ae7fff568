using System.Globalization;
using System.Text.Json.Nodes;

namespace Dce.Kubernetes.Printing;

/// <summary>The table columns of <c>kubectl get</c> for the built-in kinds, as the API server's printers give them.</summary>
public static class BuiltinColumns
{
    /// <summary>The columns kube-apiserver prints for a built-in <paramref name="kind"/>: NAME, the kind's own, AGE.</summary>
    public static List<TableColumn> For(string kind) =>
    [
        TableColumn.Name,
        .. Columns(kind).Select(c => new TableColumn(c.Name, c.Type, c.Cell)),
        new("Age", "string", o => Age(o)),
    ];

    private static List<(string Name, string Type, Func<JsonObject, JsonNode?> Cell)> Columns(string kind) => kind switch
    {
        "Pod" =>
        [
            ("Ready", "string", o => $"{ReadyContainers(o)}/{(o.At("spec.containers") as JsonArray)?.Count ?? 0}"),
            ("Status", "string", o => PodColumns.Status(o)),
            ("Restarts", "string", o => PodColumns.Restarts(o)),
            ("Node", "string", o => o.StrAt("spec.nodeName") ?? "<none>"),
        ],
        "Deployment" =>
        [
            ("Ready", "string", o => $"{o.At("status").Long("readyReplicas") ?? 0}/{o.At("spec").Long("replicas") ?? 0}"),
            ("Up-to-date", "integer", o => o.At("status").Long("updatedReplicas") ?? 0),
            ("Available", "integer", o => o.At("status").Long("availableReplicas") ?? 0),
        ],
        "ReplicaSet" =>
        [
            ("Desired", "integer", o => o.At("spec").Long("replicas") ?? 0),
            ("Current", "integer", o => o.At("status").Long("replicas") ?? 0),
            ("Ready", "integer", o => o.At("status").Long("readyReplicas") ?? 0),
        ],
        "StatefulSet" => [("Ready", "string", o => $"{o.At("status").Long("readyReplicas") ?? 0}/{o.At("spec").Long("replicas") ?? 0}")],
        "DaemonSet" =>
        [
            ("Desired", "integer", o => o.At("status").Long("desiredNumberScheduled") ?? 0),
            ("Ready", "integer", o => o.At("status").Long("numberReady") ?? 0),
        ],
        "Node" =>
        [
            ("Status", "string", NodeStatus),
            ("Roles", "string", NodeRoles),
            ("Version", "string", o => o.StrAt("status.nodeInfo.kubeletVersion")),
        ],
        "Namespace" => [("Status", "string", o => o.StrAt("status.phase"))],
        "Service" =>
        [
            ("Type", "string", o => o.StrAt("spec.type")),
            ("Cluster-IP", "string", o => o.StrAt("spec.clusterIP")),
        ],
        "Ingress" =>
        [
            ("Class", "string", o => o.StrAt("spec.ingressClassName") ?? "<none>"),
            ("Hosts", "string", o => IngressHosts(o)),
            ("Address", "string", o => string.Join(',', (o.At("status.loadBalancer.ingress") as JsonArray ?? []).Select(i => i?["ip"]?.ToString() ?? i?["hostname"]?.ToString()))),
            ("Ports", "string", o => o.At("spec.tls") is JsonArray { Count: > 0 } ? "80, 443" : "80"),
        ],
        "Job" => [("Succeeded", "integer", o => o.At("status").Long("succeeded") ?? 0)],
        "Event" =>
        [
            ("Type", "string", o => o.Str("type")),
            ("Reason", "string", o => o.Str("reason")),
            ("Object", "string", o => $"{o.At("involvedObject").Str("kind")?.ToLowerInvariant()}/{o.At("involvedObject").Str("name")}"),
            ("Message", "string", o => o.Str("message")),
        ],
        "HorizontalPodAutoscaler" => ScalingColumns.Autoscaler,
        "PodDisruptionBudget" => ScalingColumns.Budget,
        "PersistentVolumeClaim" =>
        [
            ("Status", "string", o => o.StrAt("status.phase")),
            ("Volume", "string", o => o.StrAt("spec.volumeName") ?? ""),
            ("Capacity", "string", o => o.StrAt("status.capacity.storage") ?? ""),
            ("Access Modes", "string", o => AccessModes(o.At("status.accessModes"))),
            ("StorageClass", "string", o => o.StrAt("spec.storageClassName") ?? ""),
            ("VolumeAttributesClass", "string", o => o.StrAt("spec.volumeAttributesClassName") ?? "<unset>"),
        ],
        "PersistentVolume" =>
        [
            ("Capacity", "string", o => o.StrAt("spec.capacity.storage") ?? ""),
            ("Access Modes", "string", o => AccessModes(o.At("spec.accessModes"))),
            ("Reclaim Policy", "string", o => o.StrAt("spec.persistentVolumeReclaimPolicy")),
            ("Status", "string", o => o.StrAt("status.phase")),
            ("Claim", "string", o => o.At("spec.claimRef") is JsonObject claim ? $"{claim.Str("namespace")}/{claim.Str("name")}" : ""),
            ("StorageClass", "string", o => o.StrAt("spec.storageClassName") ?? ""),
            ("VolumeAttributesClass", "string", o => o.StrAt("spec.volumeAttributesClassName") ?? "<unset>"),
            ("Reason", "string", o => o.StrAt("status.reason") ?? ""),
        ],
        "StorageClass" =>
        [
            ("Provisioner", "string", o => o.Str("provisioner")),
            ("ReclaimPolicy", "string", o => o.Str("reclaimPolicy") ?? "Delete"),
            ("VolumeBindingMode", "string", o => o.Str("volumeBindingMode") ?? "Immediate"),
            ("AllowVolumeExpansion", "string", o => o["allowVolumeExpansion"]?.GetValue<bool>() == true ? "true" : "false"),
        ],
        _ => [],
    };

    private static string IngressHosts(JsonObject ingress)
    {
        var hosts = (ingress.At("spec.rules") as JsonArray ?? []).Select(r => r?["host"]?.ToString()).OfType<string>().ToList();
        return hosts.Count == 0 ? "*" : string.Join(',', hosts);
    }

    private static string AccessModes(JsonNode? modes) => string.Join(",", (modes as JsonArray ?? []).Select(m => m?.ToString() switch
    {
        "ReadWriteOnce" => "RWO",
        "ReadOnlyMany" => "ROX",
        "ReadWriteMany" => "RWX",
        "ReadWriteOncePod" => "RWOP",
        var other => other,
    }));

    /// <summary>Every <c>node-role.kubernetes.io/&lt;role&gt;</c> label, sorted, as kubectl prints them.</summary>
    private static JsonNode? NodeRoles(JsonObject node)
    {
        const string prefix = "node-role.kubernetes.io/";
        var roles = (node.At("metadata.labels") as JsonObject ?? []).Select(l => l.Key)
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.Length > prefix.Length)
            .Select(k => k[prefix.Length..]).Order(StringComparer.Ordinal).ToList();
        return roles.Count == 0 ? "<none>" : string.Join(",", roles);
    }

    private static long ReadyContainers(JsonObject pod) =>
        (pod.At("status.containerStatuses") as JsonArray)?.Count(c => c?["ready"]?.GetValue<bool>() == true) ?? 0;

    private static JsonNode? NodeStatus(JsonObject node)
    {
        var ready = (node.At("status.conditions") as JsonArray)?.FirstOrDefault(c => c.Str("type") == "Ready").Str("status") == "True";
        var text = ready ? "Ready" : "NotReady";
        return node.At("spec.unschedulable")?.GetValue<bool>() == true ? text + ",SchedulingDisabled" : text;
    }

    private static string Age(JsonObject obj) =>
        DateTime.TryParse(obj.StrAt("metadata.creationTimestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var created)
            ? Age(created)
            : "<unknown>";

    /// <summary>How long ago <paramref name="created"/> was, as kubectl prints an age.</summary>
    public static string Age(DateTime created)
    {
        var age = DateTime.UtcNow - created;
        return age.TotalDays >= 2 ? $"{(int)age.TotalDays}d" : age.TotalHours >= 2 ? $"{(int)age.TotalHours}h" : age.TotalMinutes >= 2 ? $"{(int)age.TotalMinutes}m" : $"{Math.Max(0, (int)age.TotalSeconds)}s";
    }
}
