using System.Text.Json.Nodes;
using Dce.Platform.Contracts.DceApi;
using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.Kubernetes.Rbac;

namespace Dce.ContainerManagement.Apis.Rbac;

/// <summary>Roles of a namespace and ClusterRoles of a cluster: list, get, create, replace, delete.</summary>
internal static class RoleHandlers
{
    public static Task<IResult> ListRolesAsync([AsParameters] TargetCluster cluster, string @namespace, [AsParameters] ObjectPage page, CancellationToken cancellationToken) =>
        ListAsync(RbacApi.RoleKind, cluster, @namespace, page, cancellationToken);

    public static Task<IResult> ListClusterRolesAsync([AsParameters] TargetCluster cluster, [AsParameters] ObjectPage page, CancellationToken cancellationToken) =>
        ListAsync(RbacApi.ClusterRoleKind, cluster, null, page, cancellationToken);

    public static Task<IResult> GetRoleAsync([AsParameters] TargetCluster cluster, string @namespace, string name, CancellationToken cancellationToken) =>
        GetAsync(RbacApi.RoleKind, cluster, @namespace, name, cancellationToken);

    public static Task<IResult> GetClusterRoleAsync([AsParameters] TargetCluster cluster, string name, CancellationToken cancellationToken) =>
        GetAsync(RbacApi.ClusterRoleKind, cluster, null, name, cancellationToken);

    public static Task<IResult> CreateRoleAsync([AsParameters] TargetCluster cluster, string @namespace, RoleBody body, HttpContext http, MutationRecord record,
        CancellationToken cancellationToken) =>
        WriteAsync(RbacApi.RoleKind, cluster, @namespace, null, body, http, record, cancellationToken);

    public static Task<IResult> UpdateRoleAsync([AsParameters] TargetCluster cluster, string @namespace, string name, RoleBody body, HttpContext http,
        MutationRecord record, CancellationToken cancellationToken) =>
        WriteAsync(RbacApi.RoleKind, cluster, @namespace, name, body with { Name = null }, http, record, cancellationToken);

    public static Task<IResult> CreateClusterRoleAsync([AsParameters] TargetCluster cluster, string name, RoleBody body, HttpContext http, MutationRecord record,
        CancellationToken cancellationToken) =>
        WriteAsync(RbacApi.ClusterRoleKind, cluster, null, null, body with { Name = name }, http, record, cancellationToken);

    public static Task<IResult> UpdateClusterRoleAsync([AsParameters] TargetCluster cluster, string name, RoleBody body, HttpContext http, MutationRecord record,
        CancellationToken cancellationToken) =>
        WriteAsync(RbacApi.ClusterRoleKind, cluster, null, name, body with { Name = null }, http, record, cancellationToken);

    public static Task<IResult> DeleteRoleAsync([AsParameters] TargetCluster cluster, string @namespace, string name, MutationRecord record, CancellationToken cancellationToken) =>
        DeleteAsync(RbacApi.RoleKind, cluster, @namespace, name, record, cancellationToken);

    public static Task<IResult> DeleteClusterRoleAsync([AsParameters] TargetCluster cluster, string name, MutationRecord record, CancellationToken cancellationToken) =>
        DeleteAsync(RbacApi.ClusterRoleKind, cluster, null, name, record, cancellationToken);

    private static async Task<IResult> ListAsync(ServedResource served, TargetCluster cluster, string? ns, ObjectPage page, CancellationToken cancellationToken)
    {
        if (page.Problem() is { } invalid)
        {
            return invalid;
        }

        var items = await ResourceClient.ListAsync(await cluster.ClientAsync(cancellationToken), served.Kind, ns, page.LabelSelector, page.FieldSelector, cancellationToken);
        return DceJson.Ok(page.Of(ResourceHandlers.Stamped(items, cluster.Name).Select(RbacShape.ToDce)));
    }

    private static async Task<IResult> GetAsync(ServedResource served, TargetCluster cluster, string? ns, string name, CancellationToken cancellationToken)
    {
        var found = await ResourceClient.GetAsync(await cluster.ClientAsync(cancellationToken), served.Kind, ns, name, cancellationToken);
        return DceJson.Ok(RbacShape.ToDce(ResourceHandlers.Stamp(found, cluster.Name)));
    }

    // A create (routeName null) answers the object; a replace answers DCE's {"data": "<the object as JSON>"}.
    private static async Task<IResult> WriteAsync(ServedResource served, TargetCluster cluster, string? ns, string? routeName, RoleBody body, HttpContext http,
        MutationRecord record, CancellationToken cancellationToken)
    {
        var (obj, problem) = ObjectBody.Read(served, new DataBody(WithMetadata(body.Data)), ns, routeName ?? body.Name);
        if (problem is not null)
        {
            return problem;
        }

        RenameRules(obj!);
        var client = await cluster.ClientAsync(cancellationToken);
        var name = obj!["metadata"]!["name"]?.ToString() ?? "";
        if (ns is not null && await GrantCeiling.RefuseBeyondAsync(http, client, cluster.Name, ns, RuleCoverage.RulesOf(obj), $"Role {name}", cancellationToken) is { } beyond)
        {
            return beyond;
        }

        if (routeName is null)
        {
            var created = await ResourceClient.CreateAsync(client, served.Kind, ns, obj, cancellationToken);
            ResourceHandlers.Changed(record, served, cluster.Name, ns, name, "created");
            return DceJson.Ok(RbacShape.ToDce(ResourceHandlers.Stamp(created, cluster.Name)));
        }

        if (obj["metadata"]?["resourceVersion"] is null)
        {
            var current = await ResourceClient.GetAsync(client, served.Kind, ns, routeName, cancellationToken);
            obj["metadata"]!["resourceVersion"] = current["metadata"]?["resourceVersion"]?.ToString();
        }

        var replaced = await ResourceClient.ReplaceAsync(client, served.Kind, ns, routeName, obj, cancellationToken);
        ResourceHandlers.Changed(record, served, cluster.Name, ns, routeName, "updated");
        return DceJson.Ok(new JsonObject { ["data"] = replaced.ToJsonString() });
    }

    private static async Task<IResult> DeleteAsync(ServedResource served, TargetCluster cluster, string? ns, string name, MutationRecord record, CancellationToken cancellationToken)
    {
        await ResourceClient.DeleteAsync(await cluster.ClientAsync(cancellationToken), served.Kind, ns, name, cancellationToken);
        ResourceHandlers.Changed(record, served, cluster.Name, ns, name, "deleted");
        return DceJson.Empty();
    }

    // DCE's clients name a new role in the body and may send only its rules; the name is filled in by ObjectBody.
    private static string? WithMetadata(string? data)
    {
        try
        {
            var obj = data is null ? null : ObjectDocument.Parse(data);
            if (obj is null || obj.ContainsKey("metadata"))
            {
                return data;
            }

            obj["metadata"] = new JsonObject();
            return obj.ToJsonString();
        }
        catch (ManifestShapeException)
        {
            return data;
        }
    }

    // DCE's clients may write a rule's non-resource URLs in DCE's spelling.
    private static void RenameRules(JsonObject role)
    {
        foreach (var rule in (role["rules"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (rule.Remove("nonResourceUrls", out var urls) && !rule.ContainsKey("nonResourceURLs"))
            {
                rule["nonResourceURLs"] = urls;
            }
        }
    }
}
