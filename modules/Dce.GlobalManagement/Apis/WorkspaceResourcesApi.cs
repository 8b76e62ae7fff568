using Dce.GlobalManagement.Model;
using Dce.GlobalManagement.Services;
using Dce.GlobalManagement.Services.Access;
using Dce.GlobalManagement.Services.Audit;
using Dce.Kubernetes.Quantities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Apis;

/// <summary>Clusters and namespaces bound to a workspace (a namespace to one workspace only), and the workspace's quotas per shared cluster.</summary>
public static class WorkspaceResourcesApi
{
    private const string Resource = "workspaceresources";

    public static readonly IReadOnlyList<QuotaTypeView> QuotaTypes =
    [
        new("requests.cpu", "CPU the workspace's workloads may request in total.", "4"),
        new("limits.cpu", "CPU limit across the workspace's workloads.", "8"),
        new("requests.memory", "Memory the workspace's workloads may request in total.", "8Gi"),
        new("limits.memory", "Memory limit across the workspace's workloads.", "16Gi"),
        new("requests.storage", "Storage all persistent volume claims may request.", "100Gi"),
        new("persistentvolumeclaims", "Number of persistent volume claims.", "20"),
    ];

    public static IEndpointRouteBuilder MapWorkspaceResourcesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiPaths.V1Alpha1 + "/resourcequota-types", () => TypedResults.Ok(QuotaTypes))
            .WithTags("Workspaces").WithName("ListResourceQuotaTypes").WithSummary("The six quota dimensions a workspace can be limited in.");
        var api = app.MapGroup(ApiPaths.V1Alpha1 + "/workspaces/{workspaceId:int}").WithTags("Workspaces");
        api.MapGet("/resources", ListAsync).RequireWorkspaceAccess(Resource, "list")
            .WithName("ListWorkspaceResources").WithSummary("Lists the clusters and namespaces bound to a workspace.");
        api.MapPost("/bind-resource", BindAsync).Audited("bind", Resource).RequireWorkspaceAccess(Resource, "bind")
            .WithName("BindResourceToWorkspace").WithSummary("Binds a whole cluster (shared) or one namespace (exclusive) to a workspace.");
        api.MapPut("/unbind-resource", UnbindAsync).Audited("unbind", Resource).RequireWorkspaceAccess(Resource, "bind")
            .WithName("UnbindResourceFromWorkspace").WithSummary("Unbinds a cluster or namespace from a workspace; a cluster's quota goes with it.");
        api.MapGet("/quotas", ListQuotasAsync).RequireWorkspaceAccess("quotas", "list")
            .WithName("ListWorkspaceQuotas").WithSummary("Lists the workspace's quotas per shared cluster.");
        api.MapPut("/quotas/{cluster}", SetQuotaAsync).Audited("set-quota", "quotas")
            .WithName("SetWorkspaceQuota").WithSummary("Sets the workspace's hard limits on a cluster bound to it; allocated from the folder above or the platform.");
        return app;
    }

    internal static async Task<Results<Ok<IReadOnlyList<WorkspaceResourceView>>, ProblemHttpResult>> ListAsync(int workspaceId, [AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        if (!await services.Db.Workspaces.AnyAsync(w => w.Id == workspaceId, cancellationToken))
        {
            return Problems.NotFound($"Workspace {workspaceId}");
        }

        var resources = await services.Db.WorkspaceResources.AsNoTracking().Where(r => r.WorkspaceId == workspaceId)
            .OrderBy(r => r.Cluster).ThenBy(r => r.Namespace).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<WorkspaceResourceView>>([.. resources.Select(WorkspaceResourceView.Of)]);
    }

    internal static async Task<Results<Created<WorkspaceResourceView>, ValidationProblem, ProblemHttpResult>> BindAsync(
        int workspaceId, BindResourceRequest request, HttpContext http, [AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        var validation = new Validation().Name("cluster", request.Cluster);
        if (request.Namespace is not null)
        {
            validation.Name("namespace", request.Namespace);
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (!await services.Db.Workspaces.AnyAsync(w => w.Id == workspaceId, cancellationToken))
        {
            return Problems.NotFound($"Workspace {workspaceId}");
        }

        if (!await services.Db.JoinedClusters.AnyAsync(c => c.Name == request.Cluster, cancellationToken))
        {
            return TypedResults.Problem($"Cluster {request.Cluster} has not joined the platform: join it in Container Management first (a cluster joined a moment ago is known here within seconds).",
                statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        if (!await services.Evaluator.MayAllocateClusterAsync(http.User.UserId() ?? Guid.Empty, request.Cluster!, workspaceId, cancellationToken))
        {
            return Problems.Forbidden($"You may not give {Describe(request)} to workspace {workspaceId}: that needs a platform role over clusters, "
                + $"or administration of the whole cluster {request.Cluster} through another workspace. Ask a platform administrator to bind it.");
        }

        var ns = request.Namespace ?? "";
        var owner = await services.Db.WorkspaceResources.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Cluster == request.Cluster && r.Namespace == ns && (ns != "" || r.WorkspaceId == workspaceId), cancellationToken);
        if (owner is not null)
        {
            return Problems.Conflict(owner.WorkspaceId == workspaceId
                ? $"{Describe(request)} is already bound to this workspace."
                : $"{Describe(request)} already belongs to workspace {owner.WorkspaceId}; unbind it there first.");
        }

        var resource = new WorkspaceResource { WorkspaceId = workspaceId, Cluster = request.Cluster!, Namespace = ns, CreatedAt = services.Time.GetUtcNow() };
        services.Db.WorkspaceResources.Add(resource);
        services.Audit.Describe(Describe(request), workspaceId);
        try
        {
            await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Problems.Conflict($"{Describe(request)} was bound elsewhere at the same moment; list the bindings and try again.");
        }

        await services.Decisions.InvalidateAsync();
        return TypedResults.Created($"{ApiPaths.V1Alpha1}/workspaces/{workspaceId}/resources", WorkspaceResourceView.Of(resource));
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> UnbindAsync(
        int workspaceId, BindResourceRequest request, [AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        var validation = new Validation().Name("cluster", request.Cluster);
        if (request.Namespace is not null)
        {
            validation.Name("namespace", request.Namespace);
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var ns = request.Namespace ?? "";
        if (await services.Db.WorkspaceResources.FirstOrDefaultAsync(r => r.WorkspaceId == workspaceId && r.Cluster == request.Cluster && r.Namespace == ns, cancellationToken) is not { } resource)
        {
            return Problems.NotFound($"{Describe(request)} in workspace {workspaceId}");
        }

        services.Db.WorkspaceResources.Remove(resource);
        if (ns.Length == 0)
        {
            services.Db.WorkspaceQuotas.RemoveRange(services.Db.WorkspaceQuotas.Where(q => q.WorkspaceId == workspaceId && q.Cluster == request.Cluster));
        }

        services.Audit.Describe(Describe(request), workspaceId);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        await services.Decisions.InvalidateAsync();
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<QuotaView>>> ListQuotasAsync(int workspaceId, [AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        var quotas = await services.Db.WorkspaceQuotas.AsNoTracking().Where(q => q.WorkspaceId == workspaceId).OrderBy(q => q.Cluster).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<QuotaView>>([.. quotas.Select(QuotaView.Of)]);
    }

    internal static async Task<Results<Ok<QuotaView>, ValidationProblem, ProblemHttpResult>> SetQuotaAsync(
        int workspaceId, string cluster, QuotaRequest request, HttpContext http, [AsParameters] HierarchyServices services, CancellationToken cancellationToken)
    {
        // Quota is allocated to a workspace from above it: its own members, admins included, never set their own.
        var folderId = await services.Db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.FolderId).FirstOrDefaultAsync(cancellationToken);
        if (!await services.Decisions.IsAllowedAsync(http.User.UserId() ?? Guid.Empty, BuiltInRoles.QuotaAllocation(folderId), cancellationToken))
        {
            return Problems.Forbidden($"You may not set the quota of workspace {workspaceId}: quota is allocated by an administrator of the folder above it "
                + "or of the platform, not from within the workspace.");
        }

        var validation = new Validation().Name("cluster", cluster);
        var values = new Dictionary<string, decimal>();
        foreach (var (field, text) in Dimensions(request))
        {
            if (text is null)
            {
                continue;
            }

            if (text.Length > 32 || !Quantity.TryParse(text, out var quantity) || quantity.IsNegative)
            {
                validation.Require(false, field, $"{field} must be a Kubernetes quantity such as 500m, 2, 8Gi.");
            }
            else
            {
                values[field] = quantity.Value;
            }
        }

        CheckRequestWithinLimit(validation, values, "requestsCpu", "limitsCpu");
        CheckRequestWithinLimit(validation, values, "requestsMemory", "limitsMemory");
        validation.Require(!values.TryGetValue("persistentVolumeClaims", out var claims) || claims == decimal.Truncate(claims), "persistentVolumeClaims", "persistentVolumeClaims is a whole number.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (!await services.Db.WorkspaceResources.AnyAsync(r => r.WorkspaceId == workspaceId && r.Cluster == cluster && r.Namespace == "", cancellationToken))
        {
            return Problems.NotFound($"Cluster {cluster} bound to workspace {workspaceId}");
        }

        var quota = await services.Db.WorkspaceQuotas.FirstOrDefaultAsync(q => q.WorkspaceId == workspaceId && q.Cluster == cluster, cancellationToken);
        if (quota is null)
        {
            quota = new WorkspaceQuota { WorkspaceId = workspaceId, Cluster = cluster };
            services.Db.WorkspaceQuotas.Add(quota);
        }

        (quota.RequestsCpu, quota.LimitsCpu, quota.RequestsMemory, quota.LimitsMemory, quota.RequestsStorage, quota.PersistentVolumeClaims) =
            (request.RequestsCpu, request.LimitsCpu, request.RequestsMemory, request.LimitsMemory, request.RequestsStorage, request.PersistentVolumeClaims);
        quota.UpdatedAt = services.Time.GetUtcNow();
        services.Audit.Describe(cluster, workspaceId);
        await services.Audit.SaveChangesAsync(services.Db, cancellationToken);
        return TypedResults.Ok(QuotaView.Of(quota));
    }

    private static IEnumerable<(string Field, string? Text)> Dimensions(QuotaRequest request) =>
    [
        ("requestsCpu", request.RequestsCpu), ("limitsCpu", request.LimitsCpu),
        ("requestsMemory", request.RequestsMemory), ("limitsMemory", request.LimitsMemory),
        ("requestsStorage", request.RequestsStorage), ("persistentVolumeClaims", request.PersistentVolumeClaims),
    ];

    private static void CheckRequestWithinLimit(Validation validation, Dictionary<string, decimal> values, string request, string limit)
    {
        if (values.TryGetValue(request, out var requested) && values.TryGetValue(limit, out var limited))
        {
            validation.Require(requested <= limited, request, $"{request} must not exceed {limit}.");
        }
    }

    private static string Describe(BindResourceRequest request) =>
        request.Namespace is null ? $"cluster {request.Cluster}" : $"namespace {request.Cluster}/{request.Namespace}";
}
