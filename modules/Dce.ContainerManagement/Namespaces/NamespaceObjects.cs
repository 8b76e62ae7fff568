using System.Text.Json.Nodes;

namespace Dce.ContainerManagement.Namespaces;

/// <summary>A namespace as DCE shows it: the object with its cluster, and whether Pod Security admission labels are set.</summary>
internal static class NamespaceObjects
{
    public const string PodSecurityPrefix = "pod-security.kubernetes.io/";

    public static JsonObject Shaped(JsonObject ns, string cluster)
    {
        if (ns["metadata"] is JsonObject metadata)
        {
            metadata["cluster"] = cluster;
        }

        var status = ns["status"] as JsonObject ?? [];
        ns["status"] = status;
        status["phase"] ??= "Active";
        status["podSecurityEnabled"] = ns["metadata"]?["labels"] is JsonObject labels
            && labels.Any(l => l.Key.StartsWith(PodSecurityPrefix, StringComparison.Ordinal));
        return ns;
    }

    public static string NameOf(JsonObject ns) => ns["metadata"]?["name"]?.ToString() ?? "";
}
