using System.Text.Json.Nodes;
using Dce.KubeSim.Authorization;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Machinery.Versions;
using Dce.KubeSim.Patching;
using Dce.KubeSim.Security;

namespace Dce.KubeSim.Api;

/// <summary>get, list, watch, create, update, patch, delete and deletecollection for any resource.</summary>
public static class ResourceHandler
{
    public static async Task HandleAsync(HttpContext context, SimulatedCluster sim, ResourceType served, ApiPath path)
    {
        var type = ServedVersions.StorageOf(sim.Catalog, served);
        var query = new RequestQuery(context.Request.Query);
        var ns = path.Namespace ?? "";
        var method = context.Request.Method;
        if (path.Subresource is { } sub && sub != "status")
        {
            await SubresourceHandler.HandleAsync(context, sim, type, path, query);
            return;
        }
        if (path.Subresource == "status" && !type.HasStatus && type.Plural != "namespaces")
        {
            throw ApiException.NoResource();
        }
        if (type.ReadOnly && method != "GET")
        {
            throw new ApiException(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource");
        }
        switch (method, path.Name)
        {
            case ("GET", null) when query.Watch:
                await WatchHandler.StreamAsync(context, sim, served, path.Namespace, query);
                break;
            case ("GET", null):
                await ListAsync(context, sim, served, path.Namespace, query);
                break;
            case ("GET", { } name) when TableWriter.Wanted(context) && path.Subresource is null:
                var found = sim.Objects.Get(type, ns, name);
                await KubeResponses.Node(context, 200, TableWriter.Table(type, [found], found.ResourceVersion, null));
                break;
            case ("GET", { } name):
                await KubeResponses.Raw(context, 200, ServedVersions.Bytes(served, sim.Objects.Get(type, ns, name)));
                break;
            case ("POST", null):
                var createOptions = WriteQuery.Read(context, query);
                var created = sim.Objects.Create(type, ns, Admitted(context, sim, served, ns, await RequestBody.ReadObjectAsync(context)), createOptions);
                WriteQuery.AddWarnings(context, createOptions);
                await KubeResponses.Raw(context, 201, ServedVersions.Bytes(served, created));
                break;
            case ("PUT", { } name):
                var updateOptions = WriteQuery.Read(context, query, path.Subresource);
                var updated = sim.Objects.Update(type, ns, name, Admitted(context, sim, served, ns, await RequestBody.ReadObjectAsync(context)), path.Subresource, updateOptions);
                WriteQuery.AddWarnings(context, updateOptions);
                await KubeResponses.Raw(context, 200, ServedVersions.Bytes(served, updated));
                break;
            case ("PATCH", { } name):
                var patchOptions = WriteQuery.Read(context, query, path.Subresource);
                var patched = await PatchAsync(context, sim, served, ns, name, WriteQuery.MediaType(context), path.Subresource, patchOptions);
                WriteQuery.AddWarnings(context, patchOptions);
                await KubeResponses.Raw(context, 200, ServedVersions.Bytes(served, patched));
                break;
            case ("DELETE", { } name):
                var options = await ReadDeleteOptionsAsync(context, query);
                var deleted = sim.Objects.Delete(type, ns, name, options);
                await KubeResponses.Raw(context, 200, deleted is null ? Json.ToBytes(new JsonObject()) : ServedVersions.Bytes(served, deleted));
                break;
            case ("DELETE", null):
                await DeleteCollectionAsync(context, sim, served, path.Namespace, query);
                break;
            default:
                throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }
    }

    private static async Task<StoredObject> PatchAsync(HttpContext context, SimulatedCluster sim, ResourceType served, string ns, string name,
        string mediaType, string? subresource, WriteOptions options)
    {
        var type = ServedVersions.StorageOf(sim.Catalog, served);
        var patch = await RequestBody.ReadAsync(context);
        if (WriteQuery.IsApply(mediaType))
        {
            var config = patch as JsonObject ?? throw ApiException.BadRequest("apply patch must be an object");
            return sim.Objects.Apply(type, ns, name, Admitted(context, sim, served, ns, config), subresource, options);
        }
        return sim.Objects.Patch(type, ns, name, target => Patched(served, mediaType, target, patch) is JsonObject result
                ? Admitted(context, sim, type, ns, result)
                : throw ApiException.BadRequest("the patch did not produce an object"),
            (patch as JsonObject)?["metadata"].Str("resourceVersion"), subresource, options);
    }

    /// <summary>A body in the storage version that the requester may write: RBAC objects pass the escalation check.</summary>
    private static JsonObject Admitted(HttpContext context, SimulatedCluster sim, ResourceType served, string ns, JsonObject body)
    {
        var stored = ServedVersions.ToStorage(served, body);
        EscalationGuard.Check(sim, RequestAuthenticator.User(context), served, ns, stored);
        return stored;
    }

    private static JsonNode Patched(ResourceType served, string mediaType, JsonObject stored, JsonNode? patch)
    {
        if (!ServedVersions.Converts(served))
        {
            return PatchTypes.Apply(served, mediaType, stored, patch);
        }
        var result = PatchTypes.Apply(served, mediaType, ServedVersions.ToServed(served, stored), patch);
        return result is JsonObject obj ? ServedVersions.ToStorage(served, obj) : result;
    }

    private static async Task ListAsync(HttpContext context, SimulatedCluster sim, ResourceType served, string? ns, RequestQuery query)
    {
        var type = ServedVersions.StorageOf(sim.Catalog, served);
        var labels = query.Labels;
        var fields = query.Fields;
        string? after = null;
        long? firstRv = null;
        if (query["continue"] is { Length: > 0 } token)
        {
            (var rv, after) = ContinueToken.Decode(token);
            if (!sim.Store.HistoryCovers(rv))
            {
                throw ApiException.Gone("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
            }
            firstRv = rv;
        }
        Func<StoredObject, bool>? filter = labels.IsEmpty && fields.IsEmpty ? null : o => labels.Matches(o.Labels) && fields.Matches(o.Field);
        var page = sim.Store.List(type.StorageKey, ns, filter, query.Limit, after);
        var next = page.ContinueAfter is { } last ? ContinueToken.Encode(firstRv ?? page.ResourceVersion, last) : null;
        if (TableWriter.Wanted(context))
        {
            await KubeResponses.Node(context, 200, TableWriter.Table(type, page.Items, page.ResourceVersion, next));
            return;
        }
        await KubeResponses.List(context, served, page, next);
    }

    private static async Task DeleteCollectionAsync(HttpContext context, SimulatedCluster sim, ResourceType served, string? ns, RequestQuery query)
    {
        var type = ServedVersions.StorageOf(sim.Catalog, served);
        var options = await ReadDeleteOptionsAsync(context, query);
        var labels = query.Labels;
        var fields = query.Fields;
        var page = sim.Store.List(type.StorageKey, ns, o => labels.Matches(o.Labels) && fields.Matches(o.Field));
        var deleted = new List<StoredObject>();
        foreach (var item in page.Items)
        {
            try
            {
                if (sim.Objects.Delete(type, item.Namespace, item.Name, options) is { } gone)
                {
                    deleted.Add(gone);
                }
            }
            catch (ApiException error) when (error.Code == 404)
            {
                // Already gone: deletecollection is best effort per item.
            }
        }
        await KubeResponses.List(context, served, new ListPage(deleted, sim.Store.ResourceVersion, null), null);
    }

    private static async Task<DeleteOptions> ReadDeleteOptionsAsync(HttpContext context, RequestQuery query)
    {
        WriteQuery.ValidateDelete(query);
        var body = await RequestBody.ReadAsync(context) as JsonObject;
        var policy = body.Str("propagationPolicy") ?? query["propagationPolicy"];
        if (body?["orphanDependents"]?.GetValue<bool>() == true || query.Flag("orphanDependents"))
        {
            policy = "Orphan";
        }
        var propagation = policy switch
        {
            null or "" or "Background" => Propagation.Background,
            "Foreground" => Propagation.Foreground,
            "Orphan" => Propagation.Orphan,
            _ => throw ApiException.BadRequest($"propagationPolicy: Unsupported value: \"{policy}\""),
        };
        var dryRun = query.DryRun || (body?["dryRun"] as JsonArray)?.Any(d => d?.ToString() == "All") == true;
        var grace = body.Long("gracePeriodSeconds")
            ?? (long.TryParse(query["gracePeriodSeconds"], System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : null);
        return new DeleteOptions(propagation, body?["preconditions"].Str("uid"), body?["preconditions"].Str("resourceVersion"), dryRun, grace);
    }
}
