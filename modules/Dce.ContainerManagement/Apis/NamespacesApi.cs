using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.GlobalManagement;
using Dce.ContainerManagement.Infrastructure;
using Dce.ContainerManagement.Kubernetes;
using Dce.ContainerManagement.Namespaces;
using Dce.Kubernetes.Names;
using Dce.Platform.Contracts.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// A cluster's namespaces in DCE's shapes: lists filtered to what the caller's workspaces hold, create (DCE's
/// <c>{"workspaceId", "data"}</c> or the form <c>{"name", "labels"}</c>), read, replace, patch, delete, and the Pod
/// Security switch. Quotas and LimitRanges are in <see cref="ResourceQuotasApi"/> and <see cref="LimitRangesApi"/>.
/// </summary>
public static class NamespacesApi
{
    internal const string Resource = "namespaces";
    internal const string QuotaResource = "resourcequotas";
    internal const string LimitRangeResource = "limitranges";

    internal static readonly ServedResource Served = new(ResourceKinds.Namespaces, "namespaces", Resource, ResourceRoutes.None, "Namespaces");

    public static IEndpointRouteBuilder MapNamespacesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}/namespaces").WithTags("Namespaces");
        api.MapGet("", ListAsync).WithName("ListClusterNamespaces").WithSummary("Lists the namespaces of a cluster the caller's workspaces hold.");
        api.MapPost("", CreateAsync).Audited("create", Resource).RequireClusterPermission("create", Resource)
            .WithName("CreateNamespace").WithSummary("Creates a namespace from {\"data\": \"<YAML or JSON>\"} (or {\"name\", \"labels\"}), bound to workspaceId when given.");
        api.MapGet("/{name}", GetAsync).RequireClusterPermission("get", Resource, namespaceRouteParameter: "name")
            .WithName("GetNamespace").WithSummary("Describes a namespace.");
        api.MapGet("/{name}/json", ResourceHandlers.GetJsonAsync).WithMetadata(Served).RequireClusterPermission("get", Resource, namespaceRouteParameter: "name")
            .WithName("GetNamespaceJSON").WithSummary("The namespace as the cluster holds it, in data.");
        api.MapPut("/{name}", ResourceHandlers.UpdateAsync).WithMetadata(Served).Audited("update", Resource)
            .RequireClusterPermission("update", Resource, namespaceRouteParameter: "name")
            .WithName("UpdateNamespace").WithSummary("Replaces a namespace from {\"data\": \"<YAML or JSON>\"}.");
        api.MapPatch("/{name}", ResourceHandlers.PatchAsync).WithMetadata(Served).Audited("patch", Resource)
            .RequireClusterPermission("patch", Resource, namespaceRouteParameter: "name")
            .WithName("PatchNamespace").WithSummary("Patches a namespace: {\"data\": \"<patch>\"}.");
        api.MapDelete("/{name}", DeleteAsync).Audited("delete", Resource).RequireClusterPermission("delete", Resource, namespaceRouteParameter: "name")
            .WithName("DeleteNamespace").WithSummary("Deletes a namespace and everything in it.");
        api.MapPost("/{name}/podsecurity:enable", EnablePodSecurityAsync).Audited("update", Resource)
            .RequireClusterPermission("update", Resource, namespaceRouteParameter: "name")
            .WithName("EnableNamespacePodSecurity").WithSummary("Sets the namespace's Pod Security admission labels from {\"podSecurity\": [{\"level\", \"mode\"}]}.");
        api.MapPost("/{name}/podsecurity:disable", DisablePodSecurityAsync).Audited("update", Resource)
            .RequireClusterPermission("update", Resource, namespaceRouteParameter: "name")
            .WithName("DisableNamespacePodSecurity").WithSummary("Removes the namespace's Pod Security admission labels.");
        app.MapGet(ApiPaths.V1Alpha1 + "/clusters/{cluster}/namespacesummary", SummaryAsync).WithTags("Namespaces")
            .WithName("ListClusterNamespaceSummary").WithSummary("Name and phase of each namespace of the cluster the caller may see.");
        app.MapGet(ApiPaths.V1Alpha1 + "/asl/namespaces", ListAcrossClustersAsync).WithTags("Namespaces")
            .WithName("ListNamespaces").WithSummary("Lists the namespaces of every cluster the caller may see.");
        app.MapResourceQuotasApi();
        app.MapLimitRangesApi();
        return app;
    }

    internal static async Task<IResult> ListAsync([AsParameters] TargetCluster cluster, [AsParameters] ObjectPage page, HttpContext http, CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var scope = await http.ClusterScopeAsync("list", Resource);
        if (!scope.TouchesCluster(cluster.Name))
        {
            return Problems.Forbidden($"You may not list namespaces in cluster {cluster.Name}.");
        }

        var client = await cluster.ClientAsync(cancellationToken);
        var namespaces = await ResourceClient.ListAsync(client, ResourceKinds.Namespaces, null, page.LabelSelector, page.FieldSelector, cancellationToken);
        return DceJson.Ok(page.Of(namespaces.Where(n => scope.CoversNamespace(cluster.Name, NamespaceObjects.NameOf(n)))
            .Select(n => NamespaceObjects.Shaped(n, cluster.Name)), cluster.Name));
    }

    internal static async Task<IResult> GetAsync([AsParameters] TargetCluster cluster, string name, CancellationToken cancellationToken)
    {
        var found = await ResourceClient.GetAsync(await cluster.ClientAsync(cancellationToken), ResourceKinds.Namespaces, null, name, cancellationToken);
        return DceJson.Ok(NamespaceObjects.Shaped(found, cluster.Name));
    }

    internal static async Task<IResult> CreateAsync([AsParameters] TargetCluster cluster, JsonElement body, GlobalManagementClient globalManagement,
        MutationRecord record, CancellationToken cancellationToken)
    {
        var (obj, workspaceId, problem) = NewNamespace.Read(body);
        if (problem is not null)
        {
            return problem;
        }

        var client = await cluster.ClientAsync(cancellationToken);
        var created = await ResourceClient.CreateAsync(client, ResourceKinds.Namespaces, null, obj!, cancellationToken);
        var name = NamespaceObjects.NameOf(created);
        if (workspaceId is { } workspace)
        {
            var bound = await globalManagement.BindResourceAsync(workspace, cluster.Name, name, cancellationToken);
            if (bound is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
            {
                // The namespace is given to its workspace or not made at all.
                await NamespaceOperations.DeleteAsync(client, name, CancellationToken.None);
                return bound;
            }
        }

        ResourceHandlers.Changed(record, Served, cluster.Name, null, name, "created");
        return new DceJson(new JsonObject { ["namespace"] = NamespaceObjects.Shaped(created, cluster.Name) }, StatusCodes.Status201Created);
    }

    internal static async Task<IResult> DeleteAsync([AsParameters] TargetCluster cluster, string name, MutationRecord record, CancellationToken cancellationToken)
    {
        await NamespaceOperations.DeleteAsync(await cluster.ClientAsync(cancellationToken), name, cancellationToken);
        ResourceHandlers.Changed(record, Served, cluster.Name, null, name, "deleted");
        return DceJson.Empty();
    }

    internal static async Task<IResult> EnablePodSecurityAsync([AsParameters] TargetCluster cluster, string name, JsonElement body, MutationRecord record,
        CancellationToken cancellationToken)
    {
        var (labels, validation) = PodSecurityLabels.Read(body);
        return validation.IsValid
            ? await SetPodSecurityAsync(cluster, name, labels, record, cancellationToken)
            : validation.Problem();
    }

    internal static Task<IResult> DisablePodSecurityAsync([AsParameters] TargetCluster cluster, string name, MutationRecord record, CancellationToken cancellationToken) =>
        SetPodSecurityAsync(cluster, name, [], record, cancellationToken);

    /// <summary>Replaces the namespace's Pod Security labels with <paramref name="labels"/>; its other labels stay.</summary>
    private static async Task<IResult> SetPodSecurityAsync(TargetCluster cluster, string name, Dictionary<string, string> labels, MutationRecord record,
        CancellationToken cancellationToken)
    {
        var client = await cluster.ClientAsync(cancellationToken);
        var current = await ResourceClient.GetAsync(client, ResourceKinds.Namespaces, null, name, cancellationToken);
        var removed = (current["metadata"]?["labels"] as JsonObject ?? []).Select(l => l.Key)
            .Where(k => k.StartsWith(NamespaceObjects.PodSecurityPrefix, StringComparison.Ordinal) && !labels.ContainsKey(k));
        var changes = removed.Select(k => KeyValuePair.Create(k, (string?)null)).Concat(labels.Select(l => KeyValuePair.Create(l.Key, (string?)l.Value))).ToList();
        var patched = changes.Count == 0
            ? current
            : await ResourceClient.PatchAsync(client, ResourceKinds.Namespaces, null, name, PodSecurityLabels.Patch(changes), PatchFormat.Merge, cancellationToken);
        ResourceHandlers.Changed(record, Served, cluster.Name, null, name, "updated");
        return DceJson.Ok(NamespaceObjects.Shaped(patched, cluster.Name));
    }

    internal static async Task<IResult> SummaryAsync([AsParameters] TargetCluster cluster, string? phase, HttpContext http, CancellationToken cancellationToken)
    {
        var scope = await http.ClusterScopeAsync("list", Resource);
        if (!scope.TouchesCluster(cluster.Name))
        {
            return Problems.Forbidden($"You may not list namespaces in cluster {cluster.Name}.");
        }

        var namespaces = await ResourceClient.ListAsync(await cluster.ClientAsync(cancellationToken), ResourceKinds.Namespaces, null, cancellationToken: cancellationToken);
        var data = namespaces.Where(n => scope.CoversNamespace(cluster.Name, NamespaceObjects.NameOf(n)))
            .Select(n => (Name: NamespaceObjects.NameOf(n), Phase: n["status"]?["phase"]?.ToString() ?? "Active"))
            .Where(n => string.IsNullOrEmpty(phase) || string.Equals(n.Phase, phase, StringComparison.OrdinalIgnoreCase))
            .OrderBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => (JsonNode)new JsonObject { ["name"] = n.Name, ["cluster"] = cluster.Name, ["phase"] = n.Phase });
        return DceJson.Ok(new JsonObject
        {
            ["data"] = new JsonArray([.. data]),
            ["accessScope"] = scope.CoversCluster(cluster.Name) ? "Cluster" : "Namespaced",
        });
    }

    /// <summary>Every cluster the caller may list namespaces in (or the one <c>cluster</c> names), read at once; a cluster that cannot answer is left out.</summary>
    internal static async Task<IResult> ListAcrossClustersAsync([AsParameters] ObjectPage page, string? cluster, HttpContext http, ContainerManagementDbContext db,
        IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var scope = await http.ClusterScopeAsync("list", Resource);
        var names = await db.Clusters.Select(c => c.Name).ToListAsync(cancellationToken);
        var wanted = names.Where(scope.TouchesCluster).Where(n => string.IsNullOrEmpty(cluster) || n == cluster).ToList();
        var lists = await Task.WhenAll(wanted.Select(async name =>
        {
            try
            {
                await using var scoped = scopes.CreateAsyncScope();
                var connection = await scoped.ServiceProvider.GetRequiredService<ClusterResolver>().ConnectAsync(name, cancellationToken);
                var items = await ResourceClient.ListAsync(connection.Client, ResourceKinds.Namespaces, null, page.LabelSelector, page.FieldSelector, cancellationToken);
                return items.Where(n => scope.CoversNamespace(name, NamespaceObjects.NameOf(n))).Select(n => new ClusterObject(name, NamespaceObjects.Shaped(n, name))).ToList();
            }
            catch (Exception e) when (e is ClusterUnavailableException or HttpRequestException or k8s.Autorest.HttpOperationException)
            {
                return [];
            }
        }));
        return DceJson.Ok(page.Of(lists.SelectMany(l => l)));
    }
}

/// <summary>
/// The body of <c>POST .../namespaces</c>: DCE's <c>{"workspaceId", "workspaceAlias", "data": "&lt;YAML or JSON&gt;"}</c>
/// or the form <c>{"name", "labels"}</c>; either way a Namespace named by a DNS-1123 label with valid labels.
/// </summary>
internal static class NewNamespace
{
    public static (JsonObject? Object, int? WorkspaceId, IResult? Problem) Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Refuse("data", "The body is {\"data\": \"<Namespace as YAML or JSON>\", \"workspaceId\": <id>} or {\"name\": \"...\"}.");
        }

        int? workspaceId = null;
        if (body.TryGetProperty("workspaceId", out var workspace) && workspace.ValueKind != JsonValueKind.Null)
        {
            if (!workspace.TryGetInt32(out var id) || id < 0)
            {
                return Refuse("workspaceId", "workspaceId is the id of the workspace the namespace is given to.");
            }

            workspaceId = id > 0 ? id : null;
        }

        JsonObject obj;
        var field = "data.metadata";
        if (body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.String)
        {
            var (read, problem) = ObjectBody.Read(NamespacesApi.Served, new DataBody(data.GetString()), null, routeName: null);
            if (problem is not null)
            {
                return (null, null, problem);
            }

            obj = read!;
        }
        else
        {
            field = "";
            var labels = body.TryGetProperty("labels", out var map) && map.ValueKind == JsonValueKind.Object ? JsonNode.Parse(map.GetRawText()) : null;
            obj = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject
                {
                    ["name"] = body.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null,
                    ["labels"] = labels,
                },
            };
        }

        var metadata = obj["metadata"]!.AsObject();
        var prefix = field.Length == 0 ? "" : field + ".";
        var validation = new Validation().Name(prefix + "name", metadata["name"]?.ToString());
        foreach (var (key, value) in metadata["labels"] as JsonObject ?? [])
        {
            var text = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
            validation.Require(KubernetesNames.IsLabelKey(key) && text is not null && KubernetesNames.IsLabelValue(text), $"{prefix}labels[{key}]",
                $"Label '{key}' is not a valid Kubernetes label.");
        }

        return validation.IsValid ? (obj, workspaceId, null) : (null, null, validation.Problem());
    }

    private static (JsonObject?, int?, IResult?) Refuse(string field, string message) =>
        (null, null, new Validation().Require(false, field, message).Problem());
}
