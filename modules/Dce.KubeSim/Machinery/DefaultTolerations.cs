using System.Text.Json.Nodes;

namespace Dce.KubeSim.Machinery;

/// <summary>
/// The DefaultTolerationSeconds admission plugin: a new pod that does not tolerate the not-ready and unreachable
/// NoExecute taints gets tolerations for them with <c>tolerationSeconds</c> (300 by default), so the taint eviction
/// controller evicts it that long after its node fails. A DaemonSet's pods tolerate them for good, as the DaemonSet
/// controller makes them.
/// </summary>
public static class DefaultTolerations
{
    public const string NotReady = "node.kubernetes.io/not-ready";
    public const string Unreachable = "node.kubernetes.io/unreachable";

    public static void Add(JsonObject pod, long seconds)
    {
        var spec = pod.Obj("spec");
        var tolerations = spec["tolerations"] as JsonArray ?? [];
        var daemon = (pod.Metadata()["ownerReferences"] as JsonArray)?.Any(o => o.Str("kind") == "DaemonSet") == true;
        foreach (var key in new[] { NotReady, Unreachable })
        {
            if (tolerations.OfType<JsonObject>().Any(t => (t.Str("key") is null or "" || t.Str("key") == key) && t.Str("effect") is null or "" or "NoExecute"))
            {
                continue;
            }
            var toleration = new JsonObject { ["key"] = key, ["operator"] = "Exists", ["effect"] = "NoExecute" };
            if (!daemon)
            {
                toleration["tolerationSeconds"] = seconds;
            }
            tolerations.Add(toleration);
        }
        if (tolerations.Count > 0)
        {
            spec["tolerations"] = tolerations;
        }
    }
}
