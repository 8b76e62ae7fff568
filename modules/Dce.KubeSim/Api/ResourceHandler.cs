using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;
using Dce.KubeSim.Patching;

namespace Dce.KubeSim.Api;

/// <summary>get, list, watch, create, update, patch, delete and deletecollection for any resource.</summary>
public static class ResourceHandler
{
    public static async Task HandleAsync(HttpContext context, SimulatedCluster sim, ResourceType type, ApiPath path)
    {
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
                await WatchHandler.StreamAsync(context, sim, type, path.Namespace, query);
                break;
            case ("GET", null):
                await ListAsync(context, sim, type, path.Namespace, query);
                break;
            case ("GET", { } name) when TableWriter.Wanted(context) && path.Subresource is null:
                var found = sim.Objects.Get(type, ns, name);
                await KubeResponses.Node(context, 200, TableWriter.Table(type, [found], found.ResourceVersion, null));
                break;
            case ("GET", { } name):
                await KubeResponses.Raw(context, 200, sim.Objects.Get(type, ns, name).Json);
                break;
            case ("POST", null):
                var createOptions = WriteQuery.Read(context, query);
                var created = sim.Objects.Create(type, ns, await RequestBody.ReadObjectAsync(context), createOptions);
                WriteQuery.AddWarnings(context, createOptions);
                await KubeResponses.Raw(context, 201, created.Json);
                break;
            case ("PUT", { } name):
                var updateOptions = WriteQuery.Read(context, query, path.Subresource);
                var updated = sim.Objects.Update(type, ns, name, await RequestBody.ReadObjectAsync(context), path.Subresource, updateOptions);
                WriteQuery.AddWarnings(context, updateOptions);
                await KubeResponses.Raw(context, 200, updated.Json);
                break;
            case ("PATCH", { } name):
                var patchOptions = WriteQuery.Read(context, query, path.Subresource);
                var patched = await PatchAsync(context, sim, type, ns, name, WriteQuery.MediaType(context), path.Subresource, patchOptions);
                WriteQuery.AddWarnings(context, patchOptions);
                await KubeResponses.Raw(context, 200, patched.Json);
                break;
            case ("DELETE", { } name):
                var options = await ReadDeleteOptionsAsync(context, query);
                var deleted = sim.Objects.Delete(type, ns, name, options);
                await KubeResponses.Raw(context, 200, deleted?.Json ?? Json.ToBytes(new JsonObject()));
                break;
            case ("DELETE", null):
                await DeleteCollectionAsync(context, sim, type, path.Namespace, query);
                break;
            default:
                throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }
    }

    private static async Task<StoredObject> PatchAsync(HttpContext context, SimulatedCluster sim, ResourceType type, string ns, string name,
        string mediaType, string? subresource, WriteOptions options)
    {
        var patch = await RequestBody.ReadAsync(context);
        if (WriteQuery.IsApply(mediaType))
        {
            var config = patch as JsonObject ?? throw ApiException.BadRequest("apply patch must be an object");
            return sim.Objects.Apply(type, ns, name, config, subresource, options);
        }
        return sim.Objects.Patch(type, ns, name, target => PatchTypes.Apply(type, mediaType, target, patch),
            (patch as JsonObject)?["metadata"].Str("resourceVersion"), subresource, options);
    }

    private static async Task ListAsync(HttpContext context, SimulatedCluster sim, ResourceType type, string? ns, RequestQuery query)
    {
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
        await KubeResponses.List(context, type, page, next);
    }

    private static async Task DeleteCollectionAsync(HttpContext context, SimulatedCluster sim, ResourceType type, string? ns, RequestQuery query)
    {
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
        await KubeResponses.List(context, type, new ListPage(deleted, sim.Store.ResourceVersion, null), null);
    }

    private static async Task<DeleteOptions> ReadDeleteOptionsAsync(HttpContext context, RequestQuery query)
    {
        WriteQuery.ValidateDelete(query);
        var body = await RequestBody.ReadAsync(context) as JsonObject;
        var policy = body.Str("propagationPolicy") ?? query["propagationPolicy"];
        if (body?["orphanDependents"]?.GetValue<bool>() == true || query["orphanDependents"] == "true")
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
        return new DeleteOptions(propagation, body?["preconditions"].Str("uid"), body?["preconditions"].Str("resourceVersion"), dryRun);
    }
}
