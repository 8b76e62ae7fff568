using Dce.GlobalManagement.Model;
using Dce.GlobalManagement.Services;
using Dce.GlobalManagement.Services.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Apis;

/// <summary>Workspace resources seen from a cluster: which workspaces use it, and which quota applies to one of its namespaces.</summary>
public static class ClustersApi
{
    public static IEndpointRouteBuilder MapClustersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/clusters/{cluster}").WithTags("Workspaces");
        api.MapGet("/bindings", ListBindingsAsync).WithName("ListClusterBindings")
            .WithSummary("Lists every binding of a cluster to a workspace, whole or by namespace.");
        api.MapGet("/namespaces/{namespace}/workspace-quota", GetWorkspaceQuotaAsync).WithName("GetNamespaceWorkspaceQuota")
            .WithSummary("Answers the workspace a namespace belongs to, its quota on the cluster and its other namespaces there.");
        return app;
    }

    internal static async Task<Results<Ok<IReadOnlyList<ClusterBindingView>>, ValidationProblem, ProblemHttpResult>> ListBindingsAsync(
        HttpContext http, string cluster, [AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        var validation = new Validation().Name("cluster", cluster);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        // Container Management asks before it removes a cluster; workspace resource administrators may look too.
        var userId = http.User.UserId() ?? Guid.Empty;
        if (!await services.Decisions.IsAllowedAsync(userId, new AccessQuestion(BuiltInRoles.ContainerManagement, "clusters", "delete"), cancellationToken)
            && !await services.Decisions.IsAllowedAsync(userId, AccessQuestion.Platform("workspaceresources", "list"), cancellationToken))
        {
            return Problems.Forbidden($"You may not list the bindings of cluster {cluster}: it needs a platform role that may delete clusters or list workspace resources.");
        }

        var bindings = await services.Db.WorkspaceResources.AsNoTracking().Where(r => r.Cluster == cluster)
            .OrderBy(r => r.WorkspaceId).ThenBy(r => r.Namespace)
            .Select(r => new { r.WorkspaceId, r.Namespace })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ClusterBindingView>>([.. bindings.Select(b => new ClusterBindingView(b.WorkspaceId, b.Namespace.Length == 0 ? null : b.Namespace))]);
    }

    internal static async Task<Results<Ok<NamespaceWorkspaceQuotaView>, ValidationProblem, ProblemHttpResult>> GetWorkspaceQuotaAsync(
        HttpContext http, string cluster, string @namespace, [AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        var validation = new Validation().Name("cluster", cluster).Name("namespace", @namespace);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var question = new AccessQuestion(BuiltInRoles.ContainerManagement, "resourcequotas", "update", Cluster: cluster, Namespace: @namespace);
        if (!await services.Decisions.IsAllowedAsync(http.User.UserId() ?? Guid.Empty, question, cancellationToken))
        {
            return Problems.Forbidden($"You may not update resourcequotas in namespace {cluster}/{@namespace}. Ask an administrator for a role that grants it.");
        }

        var workspaceId = await services.Db.WorkspaceResources.Where(r => r.Cluster == cluster && r.Namespace == @namespace)
            .Select(r => (int?)r.WorkspaceId).FirstOrDefaultAsync(cancellationToken);
        if (workspaceId is not { } owner)
        {
            return Problems.NotFound($"A workspace binding of namespace {cluster}/{@namespace}");
        }

        var quota = await services.Db.WorkspaceQuotas.AsNoTracking().FirstOrDefaultAsync(q => q.WorkspaceId == owner && q.Cluster == cluster, cancellationToken);
        var others = await services.Db.WorkspaceResources
            .Where(r => r.WorkspaceId == owner && r.Cluster == cluster && r.Namespace != "" && r.Namespace != @namespace)
            .OrderBy(r => r.Namespace).Select(r => r.Namespace).ToListAsync(cancellationToken);
        return TypedResults.Ok(new NamespaceWorkspaceQuotaView(owner, quota is null ? null : QuotaView.Of(quota).Hard, others));
    }
}
