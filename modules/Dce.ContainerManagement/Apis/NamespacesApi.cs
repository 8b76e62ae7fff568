using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.GlobalManagement;
using Dce.ContainerManagement.Kubernetes;
using Dce.ContainerManagement.Namespaces;
using Dce.Kubernetes.Names;
using Dce.Platform.Contracts.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using k8s.Models;

namespace Dce.ContainerManagement.Apis;

/// <summary>A cluster's namespaces, with their ResourceQuota (bounded by the workspace's quota) and LimitRange.</summary>
public static class NamespacesApi
{
    internal const string Resource = "namespaces";
    internal const string QuotaResource = "resourcequotas";
    internal const string LimitRangeResource = "limitranges";

    private static readonly ListSorting<NamespaceSummary> Sorting = new ListSorting<NamespaceSummary>("name", n => n.Name, n => n.Name)
        .By("createdAt", n => n.CreationTimestamp);

    public static IEndpointRouteBuilder MapNamespacesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}/namespaces").WithTags("Namespaces");
        api.MapGet("", ListAsync).WithName("ListClusterNamespaces").WithSummary("Lists the namespaces of a cluster the caller's workspaces hold.");
        api.MapPost("", CreateAsync).Audited("create", Resource).RequireClusterPermission("create", Resource)
            .WithName("CreateNamespace").WithSummary("Creates a namespace.");
        api.MapGet("/{name}", GetAsync).RequireClusterPermission("get", Resource, namespaceRouteParameter: "name")
            .WithName("GetNamespace").WithSummary("Describes a namespace.");
        api.MapDelete("/{name}", DeleteAsync).Audited("delete", Resource).RequireClusterPermission("delete", Resource, namespaceRouteParameter: "name")
            .WithName("DeleteNamespace").WithSummary("Deletes a namespace and everything in it.");
        api.MapGet("/{namespace}/resourcequotas", GetQuotaAsync).RequireClusterPermission("get", QuotaResource)
            .WithName("ListResourceQuotas").WithSummary("The namespace's ResourceQuota (none or one), with what is used.");
        api.MapPut("/{namespace}/resourcequotas", SetQuotaAsync).Audited("update", QuotaResource).RequireClusterPermission("update", QuotaResource)
            .WithName("UpdateResourceQuota").WithSummary("Sets the namespace's hard limits; they may not exceed what its workspace has left on the cluster.");
        api.MapGet("/{namespace}/limitranges", GetLimitRangeAsync).RequireClusterPermission("get", LimitRangeResource)
            .WithName("ListLimitRanges").WithSummary("The namespace's LimitRange (none or one).");
        api.MapPut("/{namespace}/limitranges", SetLimitRangeAsync).Audited("update", LimitRangeResource).RequireClusterPermission("update", LimitRangeResource)
            .WithName("UpdateLimitRange").WithSummary("Sets the namespace's default and maximum container resources.");
        return app;
    }

    internal static async Task<Results<Ok<ListResponse<NamespaceSummary>>, ProblemHttpResult>> ListAsync(
        [AsParameters] TargetCluster cluster, [AsParameters] ListQuery query, HttpContext http, CancellationToken cancellationToken)
    {
        if (query.ValidationProblem(Sorting) is ProblemHttpResult invalid)
        {
            return invalid;
        }

        var scope = await http.ClusterScopeAsync("list", Resource);
        if (!scope.TouchesCluster(cluster.Name))
        {
            return Problems.Forbidden($"You may not list namespaces in cluster {cluster.Name}.");
        }

        var client = await cluster.ClientAsync(cancellationToken);
        var namespaces = await NamespaceOperations.ListAsync(client, cancellationToken);
        return TypedResults.Ok(namespaces.Where(n => scope.CoversNamespace(cluster.Name, n.Name)).ToPage(query, Sorting));
    }

    internal static async Task<Ok<NamespaceSummary>> GetAsync([AsParameters] TargetCluster cluster, string name, CancellationToken cancellationToken)
    {
        var client = await cluster.ClientAsync(cancellationToken);
        return TypedResults.Ok(await NamespaceOperations.GetAsync(client, name, cancellationToken));
    }

    internal static async Task<Results<Created<NamespaceSummary>, ValidationProblem>> CreateAsync(
        [AsParameters] TargetCluster cluster, CreateNamespaceRequest request, CancellationToken cancellationToken)
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

        var client = await cluster.ClientAsync(cancellationToken);
        var created = await NamespaceOperations.CreateAsync(client, request.Name!, request.Labels, cancellationToken);
        return TypedResults.Created($"{ApiPaths.V1Alpha1}/clusters/{cluster.Name}/namespaces/{created.Name}", created);
    }

    internal static async Task<NoContent> DeleteAsync([AsParameters] TargetCluster cluster, string name, CancellationToken cancellationToken)
    {
        var client = await cluster.ClientAsync(cancellationToken);
        await NamespaceOperations.DeleteAsync(client, name, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<V1ResourceQuota>>> GetQuotaAsync([AsParameters] TargetCluster cluster, string @namespace, CancellationToken cancellationToken)
    {
        var client = await cluster.ClientAsync(cancellationToken);
        var quota = await NamespaceOperations.GetQuotaAsync(client, @namespace, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<V1ResourceQuota>>(quota is null ? [] : [quota]);
    }

    internal static async Task<Results<Ok<V1ResourceQuota>, ValidationProblem>> SetQuotaAsync(
        [AsParameters] TargetCluster cluster, string @namespace, SetQuotaRequest request, GlobalManagementClient globalManagement, CancellationToken cancellationToken)
    {
        var hard = request.Hard ?? [];
        var validation = new Validation().Hard(hard);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var client = await cluster.ClientAsync(cancellationToken);
        var workspace = await globalManagement.WorkspaceQuotaAsync(cluster.Name, @namespace, cancellationToken);
        var exceeded = await NamespaceQuotaCeiling.CheckAsync(client, @namespace, hard, workspace, cancellationToken);
        if (exceeded.Count > 0)
        {
            return TypedResults.ValidationProblem(exceeded, title: "The quota exceeds the workspace's quota; nothing was changed.");
        }

        return TypedResults.Ok(await NamespaceOperations.SetQuotaAsync(client, @namespace, hard, cancellationToken));
    }

    internal static async Task<Ok<IReadOnlyList<V1LimitRange>>> GetLimitRangeAsync([AsParameters] TargetCluster cluster, string @namespace, CancellationToken cancellationToken)
    {
        var client = await cluster.ClientAsync(cancellationToken);
        var limits = await NamespaceOperations.GetLimitRangeAsync(client, @namespace, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<V1LimitRange>>(limits is null ? [] : [limits]);
    }

    internal static async Task<Results<Ok<V1LimitRange>, ValidationProblem>> SetLimitRangeAsync(
        [AsParameters] TargetCluster cluster, string @namespace, SetLimitRangeRequest request, CancellationToken cancellationToken)
    {
        var limits = request.Limits ?? [];
        var validation = new Validation().LimitItems(limits);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var client = await cluster.ClientAsync(cancellationToken);
        return TypedResults.Ok(await NamespaceOperations.SetLimitRangeAsync(client, @namespace, limits, cancellationToken));
    }
}

/// <summary>A namespace to create.</summary>
public sealed record CreateNamespaceRequest(string? Name, Dictionary<string, string>? Labels);

/// <summary>A namespace's hard limits by resource name (<c>requests.cpu</c>, <c>limits.memory</c>, <c>pods</c>...).</summary>
public sealed record SetQuotaRequest(Dictionary<string, string>? Hard);

/// <summary>A namespace's LimitRange items.</summary>
public sealed record SetLimitRangeRequest(List<V1LimitRangeItem>? Limits);
