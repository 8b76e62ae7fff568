using System.Text.Json.Nodes;
using Dce.Kubernetes.Quantities;

namespace Dce.KubeSim.Machinery;

/// <summary>An immutable stored version of one object, with the fields selectors and controllers read often pulled out.</summary>
public sealed class StoredObject
{
    private StoredObject(string ns, string name, byte[] json, JsonObject parsed)
    {
        Namespace = ns;
        Name = name;
        Json = json;
        var meta = parsed["metadata"];
        Uid = meta.Str("uid") ?? "";
        ResourceVersion = long.TryParse(meta.Str("resourceVersion"), out var rv) ? rv : 0;
        Labels = meta?["labels"].StringMap() ?? [];
        Deleting = meta.Str("deletionTimestamp") is not null;
        Finalizers = (meta?["finalizers"] as JsonArray)?.Select(f => f?.ToString() ?? "").ToArray() ?? [];
        Owners = (meta?["ownerReferences"] as JsonArray)?.OfType<JsonObject>()
            .Select(o => new OwnerRef(o.Str("uid") ?? "", o.Str("kind") ?? "", o.Str("name") ?? "",
                o["controller"]?.GetValue<bool>() == true, o["blockOwnerDeletion"]?.GetValue<bool>() == true))
            .ToArray() ?? [];
        NodeName = parsed.StrAt("spec.nodeName") is { Length: > 0 } node ? node : null;
        Phase = parsed.StrAt("status.phase");
        Ready = (parsed.At("status.conditions") as JsonArray)?.Any(c => c.Str("type") == "Ready" && c.Str("status") == "True") == true;
        if (parsed.At("spec.containers") is JsonArray containers)
        {
            foreach (var requests in containers.Select(c => c.At("resources.requests")))
            {
                CpuRequestMillis += Quantity.MilliCpu(requests.Str("cpu"));
                MemoryRequestBytes += Quantity.Bytes(requests.Str("memory"));
            }
        }
        Unsettled = (Deleting && NodeName is not null) || Phase == "Pending" || (Phase == "Running" && (Owners.Any(o => o.Kind == "Job") || !Ready
            || (meta?["annotations"] as JsonObject)?.Any(a => a.Key.StartsWith("kubesim.dce.io/", StringComparison.Ordinal)) == true));
    }

    public string Namespace { get; }
    public string Name { get; }
    public string Key => Namespace + "/" + Name;
    public string Uid { get; }
    public long ResourceVersion { get; }
    public byte[] Json { get; }
    public IReadOnlyDictionary<string, string> Labels { get; }
    public bool Deleting { get; }
    public IReadOnlyList<string> Finalizers { get; }
    public IReadOnlyList<OwnerRef> Owners { get; }
    public string? NodeName { get; }
    public string? Phase { get; }
    /// <summary>Whether the object reports a Ready condition with status True (pods and nodes).</summary>
    public bool Ready { get; }
    /// <summary>Summed container CPU requests in millicores (pods).</summary>
    public long CpuRequestMillis { get; }
    /// <summary>Summed container memory requests in bytes (pods).</summary>
    public long MemoryRequestBytes { get; }
    /// <summary>A pod the scheduler or kubelet still has to act on: pending, a job pod still running, a running pod not
    /// Ready, or one whose <c>kubesim.dce.io/</c> annotations give its containers faults to play.</summary>
    public bool Unsettled { get; }

    public string? ControllerUid => Owners.FirstOrDefault(o => o.Controller)?.Uid;

    public JsonObject Parse() => Machinery.Json.Parse(Json);

    public static StoredObject From(JsonObject obj)
    {
        var meta = obj.Metadata();
        return new StoredObject(meta.Str("namespace") ?? "", meta.Str("name") ?? "", Machinery.Json.ToBytes(obj), obj);
    }

    /// <summary>The value of a field selector path, served from the pulled-out fields where possible.</summary>
    public string? Field(string path) => path switch
    {
        "metadata.name" => Name,
        "metadata.namespace" => Namespace,
        "spec.nodeName" => NodeName ?? "",
        "status.phase" => Phase ?? "",
        _ => Parse().StrAt(path) ?? "",
    };
}

/// <summary>An ownerReference as the garbage collector reads it.</summary>
public sealed record OwnerRef(string Uid, string Kind, string Name, bool Controller, bool BlockOwnerDeletion);
