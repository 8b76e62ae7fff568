using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes;
using Dce.Platform.Contracts.Authorization;
using k8s;
using static Dce.ContainerManagement.Apis.Resources.ResourceRoutes;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// The ConfigMaps of a namespace at DCE's paths and in DCE's shapes: created and replaced from DCE's
/// <c>{"data": "&lt;YAML or JSON&gt;"}</c> or the module's form (<c>name</c>, <c>data</c> map, <c>labels</c>), patched at
/// <c>.../json</c>, and the pods and workloads using one.
/// </summary>
public static class ConfigMapsApi
{
    internal const string Resource = "configmaps";

    internal static readonly ServedResource Served = new(ResourceKinds.ConfigMaps, "configmaps", Resource, Crud | Patch | ListInCluster, "ConfigMaps");

    public static IEndpointRouteBuilder MapConfigMapsApi(this IEndpointRouteBuilder app)
    {
        var cluster = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}").WithMetadata(Served).WithTags("ConfigMaps");
        cluster.MapGet("/configmaps", ResourceHandlers.ListInClusterAsync).WithName("ListClusterConfigMaps").WithSummary("Lists the config maps of every namespace of the cluster the caller may see.");
        var api = cluster.MapGroup("/namespaces/{namespace}");
        api.MapGet("/configmaps", ResourceHandlers.ListAsync).RequireClusterPermission("list", Resource).WithName("ListConfigMaps").WithSummary("Lists config maps: paged, sorted, by name or selector.");
        api.MapGet("/configmaps/{name}", ResourceHandlers.GetAsync).RequireClusterPermission("get", Resource).WithName("GetConfigMap").WithSummary("A config map.");
        api.MapGet("/configmaps/{name}/json", ResourceHandlers.GetJsonAsync).RequireClusterPermission("get", Resource).WithName("GetConfigMapJSON").WithSummary("The config map as the cluster holds it, as JSON text in data.");
        api.MapGet("/configmaps/{configmap}/related", RelatedAsync).RequireClusterPermission("get", Resource).WithName("ListConfigMapRelatedWorkloads")
            .WithSummary("The pods, Deployments, StatefulSets, DaemonSets and Jobs of the namespace that use the config map.");
        api.MapPost("/configmaps", CreateAsync).Audited("create", Resource).RequireClusterPermission("create", Resource).WithName("CreateConfigMap")
            .WithSummary("Creates a config map from {\"data\": \"<YAML or JSON>\"} or the form (name, data, labels).");
        api.MapPut("/configmaps/{name}", UpdateAsync).Audited("update", Resource).RequireClusterPermission("update", Resource).WithName("UpdateConfigMap")
            .WithSummary("Replaces a config map with {\"data\": \"<YAML or JSON>\"}, or its data with the form's.");
        api.MapPatch("/configmaps/{name}/json", PatchAsync).Audited("patch", Resource).RequireClusterPermission("patch", Resource).WithName("PatchConfigMap")
            .WithSummary("Patches a config map: {\"data\": {key: value}} sets those keys; {\"data\": \"<patch>\"} applies a strategic merge (or JSON) patch.");
        api.MapDelete("/configmaps/{name}", ResourceHandlers.DeleteAsync).Audited("delete", Resource).RequireClusterPermission("delete", Resource).WithName("DeleteConfigMap").WithSummary("Deletes a config map.");
        return app;
    }

    internal static async Task<IResult> CreateAsync([AsParameters] TargetCluster cluster, string @namespace, JsonElement body, HttpContext http,
        MutationRecord record, CancellationToken cancellationToken)
    {
        if (FormOrData.DceBody(body) is { } data)
        {
            return await ResourceHandlers.CreateAsync(Served, cluster, data, http, record, cancellationToken);
        }

        var (form, problem) = FormOrData.Form<DataRequest>(body);
        if (problem is not null)
        {
            return problem;
        }

        if (form!.Validate(requireName: true) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        var created = await ConfigMapOperations.CreateAsync(await cluster.ClientAsync(cancellationToken), @namespace, form.Name!, form.Data!, form.Labels, cancellationToken);
        ResourceHandlers.Changed(record, Served, cluster.Name, @namespace, created.Metadata.Name, "created");
        return new DceJson(new JsonObject { ["data"] = KubernetesJson.Serialize(created) }, StatusCodes.Status201Created);
    }

    internal static async Task<IResult> UpdateAsync([AsParameters] TargetCluster cluster, string @namespace, string name, JsonElement body, HttpContext http,
        MutationRecord record, CancellationToken cancellationToken)
    {
        if (FormOrData.DceBody(body) is { } data)
        {
            return await ResourceHandlers.UpdateAsync(Served, cluster, name, data, http, record, cancellationToken);
        }

        var (form, problem) = FormOrData.Form<DataRequest>(body);
        if (problem is not null)
        {
            return problem;
        }

        if (form!.Validate(requireName: false) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        var replaced = await ConfigMapOperations.UpdateAsync(await cluster.ClientAsync(cancellationToken), @namespace, name, form.Data!, cancellationToken);
        ResourceHandlers.Changed(record, Served, cluster.Name, @namespace, name, "updated");
        return DceJson.Ok(new JsonObject { ["data"] = KubernetesJson.Serialize(replaced) });
    }

    internal static async Task<IResult> PatchAsync([AsParameters] TargetCluster cluster, string @namespace, string name, HttpContext http,
        MutationRecord record, CancellationToken cancellationToken)
    {
        var (patch, format, problem) = await ValuesPatch.ReadAsync(http.Request, Served, values => new JsonObject { ["data"] = values }, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var patched = await ResourceClient.PatchAsync(await cluster.ClientAsync(cancellationToken), Served.Kind, @namespace, name, patch!, format, cancellationToken);
        ResourceHandlers.Changed(record, Served, cluster.Name, @namespace, name, "patched");
        return DceJson.Ok(new JsonObject { ["data"] = patched.ToJsonString() });
    }

    internal static async Task<IResult> RelatedAsync([AsParameters] TargetCluster cluster, string @namespace, string configmap, HttpContext http,
        CancellationToken cancellationToken) =>
        DceJson.Ok(await UsersOfAsync(http, cluster, @namespace, configmap, secret: false, cancellationToken));

    /// <summary>
    /// DCE's answer listing what uses a ConfigMap or Secret: the pods only for a caller who may list pods there, the
    /// workloads only for one who may list workloads, as their own lists would show them.
    /// </summary>
    internal static async Task<JsonObject> UsersOfAsync(HttpContext http, TargetCluster cluster, string ns, string name, bool secret, CancellationToken cancellationToken)
    {
        var related = await RelatedObjects.FindAsync(await cluster.ClientAsync(cancellationToken), ns, name, secret, cancellationToken);
        var seesPods = await http.IsClusterActionAllowedAsync(new ClusterAccessRequest("list", PodsApi.Resource, cluster.Name, ns));
        var seesWorkloads = await http.IsClusterActionAllowedAsync(new ClusterAccessRequest("list", WorkloadsApi.Resource, cluster.Name, ns));
        JsonArray Of(IEnumerable<JsonObject> items, bool visible) => visible ? [.. ResourceHandlers.Stamped(items, cluster.Name)] : [];
        return new JsonObject
        {
            ["pods"] = Of(related.Pods, seesPods),
            ["deployments"] = Of(related.Deployments, seesWorkloads),
            ["statefulsets"] = Of(related.StatefulSets, seesWorkloads),
            ["daemonsets"] = Of(related.DaemonSets, seesWorkloads),
            ["jobs"] = Of(related.Jobs, seesWorkloads),
        };
    }
}
