using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.GlobalManagement;
using Dce.ContainerManagement.Kubernetes;
using Dce.Kubernetes.Names;
using Dce.Platform.Contracts.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using k8s.Models;

namespace Dce.ContainerManagement.Apis;

/// <summary>A cluster's namespaces, with their ResourceQuota (bounded by the workspace's quota) and LimitRange.</summary>
public static class NamespacesApi
{
    private const string Resource = "namespaces";

    private static readonly ListSorting<NamespaceSummary> Sorting = new ListSorting<NamespaceSummary>("name", n => n.Name, n => n.Name)
        .By("createdAt", n => n.CreationTimestamp);

    public static IEndpointRouteBuilder MapNamespacesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}/namespaces").WithTags("Namespaces");
        api.MapGet("", ListAsync).WithName("ListClusterNamespaces").WithSummary("Lists the namespaces of a cluster the caller's workspaces hold.");
        api.MapPost("", CreateAsync).Audited("create", Resource).RequirePermission(KindPermissions.Namespaces.Create)
            .WithName("CreateNamespace").WithSummary("Creates a namespace.");
        api.MapGet("/{name}", GetAsync).RequireClusterPermission("get", Resource, namespaceRouteParameter: "name")
            .WithName("GetNamespace").WithSummary("Describes a namespace.");
        api.MapDelete("/{name}", DeleteAsync).Audited("delete", Resource).RequireClusterPermission("delete", Resource, namespaceRouteParameter: "name")
            .WithName("DeleteNamespace").WithSummary("Deletes a namespace and everything in it.");
        api.MapGet("/{namespace}/resourcequotas", GetQuotaAsync).RequireClusterPermission("get", "resourcequotas")
            .WithName("ListResourceQuotas").WithSummary("The namespace's ResourceQuota (none or one), with what is used.");
        api.MapPut("/{namespace}/resourcequotas", SetQuotaAsync).Audited("update", "resourcequotas").RequirePermission(KindPermissions.ResourceQuotas.Replace)
            .WithName("UpdateResourceQuota").WithSummary("Sets the namespace's hard limits; they may not exceed what its workspace has left on the cluster.");
        api.MapGet("/{namespace}/limitranges", GetLimitRangeAsync).RequireClusterPermission("get", "limitranges")
            .WithName("ListLimitRanges").WithSummary("The namespace's LimitRange (none or one).");
        api.MapPut("/{namespace}/limitranges", SetLimitRangeAsync).Audited("update", "limitranges").RequirePermission(KindPermissions.LimitRanges.Replace)
            .WithName("UpdateLimitRange").WithSummary("Sets the namespace's default and maximum container resources.");
        return app;
    }

    internal static async Task<Results<Ok<ListResponse<NamespaceSummary>>, ProblemHttpResult>> ListAsync(
        string cluster, [AsParameters] ListQuery query, HttpContext http, ClusterResolver clusters, CancellationToken cancellationToken)
    {
        if (query.ValidationProblem(Sorting) is ProblemHttpResult invalid)
        {
            return invalid;
        }

        var scope = await http.ClusterScopeAsync("list", Resource);
        if (!scope.TouchesCluster(cluster))
        {
            return Problems.Forbidden($"You may not list namespaces in cluster {cluster}.");
        }

        var connection = await clusters.ConnectAsync(cluster, cancellationToken);
        var namespaces = await NamespaceOperations.ListAsync(connection.Client, cancellationToken);
        return TypedResults.Ok(namespaces.Where(n => scope.CoversNamespace(cluster, n.Name)).ToPage(query, Sorting));
    }

    internal static async Task<Ok<NamespaceSummary>> GetAsync(string cluster, string name, ClusterResolver clusters, CancellationToken cancellationToken)
    {
        var connection = await clusters.ConnectAsync(cluster, cancellationToken);
        return TypedResults.Ok(await NamespaceOperations.GetAsync(connection.Client, name, cancellationToken));
    }

    internal static async Task<Results<Created<NamespaceSummary>, ValidationProblem>> CreateAsync(
        string cluster, CreateNamespaceRequest request, ClusterResolver clusters, CancellationToken cancellationToken)
    {
        var validation = new Validation().Name("name", request.Name);
        foreach (var (key, value) in request.Labels ?? [])
        {
            validation.Require(KubernetesNames.IsLabelKey(key) && KubernetesNames.IsLabelValue(value), $"labels[{key}]", $"Label '{key}' is not a valid Kubernetes label.");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var connection = await clusters.ConnectAsync(cluster, cancellationToken);
        var created = await NamespaceOperations.CreateAsync(connection.Client, request.Name!, request.Labels, cancellationToken);
        return TypedResults.Created($"{ApiPaths.V1Alpha1}/clusters/{cluster}/namespaces/{created.Name}", created);
    }

    internal static async Task<NoContent> DeleteAsync(string cluster, string name, ClusterResolver clusters, CancellationToken cancellationToken)
    {
        var connection = await clusters.ConnectAsync(cluster, cancellationToken);
        await NamespaceOperations.DeleteAsync(connection.Client, name, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<V1ResourceQuota>>> GetQuotaAsync(string cluster, string @namespace, ClusterResolver clusters, CancellationToken cancellationToken)
    {
        var connection = await clusters.ConnectAsync(cluster, cancellationToken);
        var quota = await NamespaceOperations.GetQuotaAsync(connection.Client, @namespace, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<V1ResourceQuota>>(quota is null ? [] : [quota]);
    }

    internal static async Task<Results<Ok<V1ResourceQuota>, ValidationProblem>> SetQuotaAsync(
        string cluster, string @namespace, SetQuotaRequest request, ClusterResolver clusters, GlobalManagementClient globalManagement, CancellationToken cancellationToken)
    {
        var hard = request.Hard ?? [];
        var validation = new Validation().Hard(hard);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var connection = await clusters.ConnectAsync(cluster, cancellationToken);
        var workspace = await globalManagement.WorkspaceQuotaAsync(cluster, @namespace, cancellationToken);
        var exceeded = await NamespaceQuotaCeiling.CheckAsync(connection.Client, @namespace, hard, workspace, cancellationToken);
        if (exceeded.Count > 0)
        {
            return TypedResults.ValidationProblem(exceeded, title: "The quota exceeds the workspace's quota; nothing was changed.");
        }

        return TypedResults.Ok(await NamespaceOperations.SetQuotaAsync(connection.Client, @namespace, hard, cancellationToken));
    }

    internal static async Task<Ok<IReadOnlyList<V1LimitRange>>> GetLimitRangeAsync(string cluster, string @namespace, ClusterResolver clusters, CancellationToken cancellationToken)
    {
        var connection = await clusters.ConnectAsync(cluster, cancellationToken);
        var limits = await NamespaceOperations.GetLimitRangeAsync(connection.Client, @namespace, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<V1LimitRange>>(limits is null ? [] : [limits]);
    }

    internal static async Task<Results<Ok<V1LimitRange>, ValidationProblem>> SetLimitRangeAsync(
        string cluster, string @namespace, SetLimitRangeRequest request, ClusterResolver clusters, CancellationToken cancellationToken)
    {
        var limits = request.Limits ?? [];
        var validation = new Validation().LimitItems(limits);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var connection = await clusters.ConnectAsync(cluster, cancellationToken);
        return TypedResults.Ok(await NamespaceOperations.SetLimitRangeAsync(connection.Client, @namespace, limits, cancellationToken));
    }
}

/// <summary>A namespace to create.</summary>
public sealed record CreateNamespaceRequest(string? Name, Dictionary<string, string>? Labels);

/// <summary>A namespace's hard limits by resource name (<c>requests.cpu</c>, <c>limits.memory</c>, <c>pods</c>...).</summary>
public sealed record SetQuotaRequest(Dictionary<string, string>? Hard);

/// <summary>A namespace's LimitRange items.</summary>
public sealed record SetLimitRangeRequest(List<V1LimitRangeItem>? Limits);
