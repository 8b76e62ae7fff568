using System.Globalization;
using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Patching;

namespace Dce.KubeSim.Api;

/// <summary>The scale, log, binding and eviction subresources.</summary>
public static class SubresourceHandler
{
    public static async Task HandleAsync(HttpContext context, SimulatedCluster sim, ResourceType type, ApiPath path, RequestQuery query)
    {
        var ns = path.Namespace ?? "";
        var name = path.Name ?? throw ApiException.NoResource();
        switch (path.Subresource)
        {
            case "scale" when type.HasScale:
                await ScaleAsync(context, sim, type, ns, name, query);
                break;
            case "log" when type.HasLog:
                await PodLogs.StreamAsync(context, sim.Objects.Get(type, ns, name).Parse(), query, () => sim.Store.Get(type.StorageKey, ns, name)?.Parse());
                break;
            case "token" when type.Kind == "ServiceAccount" && context.Request.Method == "POST":
                await TokenRequestHandler.HandleAsync(context, sim, type, ns, name);
                break;
            case "binding" when type.Kind == "Pod" && context.Request.Method == "POST":
                var binding = await RequestBody.ReadObjectAsync(context);
                var node = binding["target"].Str("name") ?? throw ApiException.BadRequest("target.name is required");
                sim.Objects.Mutate(type, ns, name, pod => { pod.Obj("spec")["nodeName"] = node; return true; });
                await KubeResponses.Success(context, type, name);
                break;
            case "eviction" when type.Kind == "Pod" && context.Request.Method == "POST":
                await PodEviction.EvictAsync(context, sim, type, ns, name, query);
                break;
            case "finalize" when type.Plural == "namespaces" && context.Request.Method == "PUT":
                var body = await RequestBody.ReadObjectAsync(context);
                var updated = sim.Objects.Mutate(type, "", name, nsObj => { nsObj.Obj("spec")["finalizers"] = body.At("spec.finalizers")?.DeepClone() ?? new JsonArray(); return true; });
                await KubeResponses.Raw(context, 200, updated?.Json ?? throw ApiException.NotFound(type, name));
                break;
            default:
                throw ApiException.NoResource();
        }
    }

    private static async Task ScaleAsync(HttpContext context, SimulatedCluster sim, ResourceType type, string ns, string name, RequestQuery query)
    {
        var current = sim.Objects.Get(type, ns, name);
        var scale = ToScale(current.Parse());
        switch (context.Request.Method)
        {
            case "GET":
                await KubeResponses.Node(context, 200, scale);
                return;
            case "PUT" or "PATCH":
                var options = WriteQuery.Read(context, query, "scale");
                var body = await RequestBody.ReadAsync(context);
                var mediaType = context.Request.ContentType?.Split(';')[0].Trim() ?? "";
                JsonNode? desired = context.Request.Method == "PUT" ? body : mediaType switch
                {
                    "application/json-patch+json" => JsonPatch.Apply(scale, body),
                    "application/strategic-merge-patch+json" => StrategicMergePatch.Apply(scale, body),
                    _ => MergePatch.Apply(scale, body),
                };
                var expected = desired.At("metadata").Str("resourceVersion");
                if (!string.IsNullOrEmpty(expected) && expected != current.ResourceVersion.ToString(CultureInfo.InvariantCulture))
                {
                    throw ApiException.Conflict(type, name);
                }
                if (desired.At("spec") is not JsonObject spec || spec["replicas"] is not JsonValue replicas || !replicas.TryGetValue<long>(out var count) || count < 0)
                {
                    throw ApiException.Invalid(type, name, [FieldCause.InvalidValue("spec.replicas", desired.StrAt("spec.replicas") ?? "", "must be greater than or equal to 0")]);
                }
                if (options.DryRun)
                {
                    await KubeResponses.Node(context, 200, scale);
                    return;
                }
                var updated = sim.Objects.Mutate(type, ns, name, obj => { obj.Obj("spec")["replicas"] = count; return true; }, null, options)
                    ?? throw ApiException.NotFound(type, name);
                await KubeResponses.Node(context, 200, ToScale(updated.Parse()));
                return;
            default:
                throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }
    }

    private static JsonObject ToScale(JsonObject obj)
    {
        var meta = obj.Metadata();
        var matchLabels = obj.At("spec.selector.matchLabels").StringMap();
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = meta.Str("name"), ["namespace"] = meta.Str("namespace"), ["uid"] = meta.Str("uid"),
                ["resourceVersion"] = meta.Str("resourceVersion"), ["creationTimestamp"] = meta.Str("creationTimestamp"),
            },
            ["spec"] = new JsonObject { ["replicas"] = obj.At("spec").Long("replicas") ?? 0 },
            ["status"] = new JsonObject
            {
                ["replicas"] = obj.At("status").Long("replicas") ?? 0,
                ["selector"] = string.Join(",", matchLabels.Select(kv => $"{kv.Key}={kv.Value}")),
            },
        };
    }
}
