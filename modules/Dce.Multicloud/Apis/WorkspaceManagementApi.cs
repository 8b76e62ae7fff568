using Dce.Kubernetes.Names;
using Dce.Multicloud.Access;
using Dce.Multicloud.Auditing;
using Dce.Multicloud.Infrastructure;
using Dce.Multicloud.Instances;
using Dce.Multicloud.Model;
using Dce.Platform.Contracts.DceApi;
using Dce.ServiceDefaults.Api;
using Microsoft.EntityFrameworkCore;

namespace Dce.Multicloud.Apis;

/// <summary>
/// Binds instances, and namespaces of them, to workspaces (DCE's <c>workspace-management</c>): the workspace's roles then
/// apply there. Binding hands out access, so it needs a platform grant of kairship instances bind.
/// </summary>
internal static class WorkspaceManagementApi
{
    public static IEndpointRouteBuilder MapWorkspaceManagementApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup($"{KairshipPaths.Root}/workspace-management").WithTags("Workspaces");
        group.MapGet("/instances", ListInstancesAsync).WithName("ListWorkspaceInstances").WithSummary("Lists which instances are bound to which workspaces.");
        group.MapGet("/namespaces", ListNamespacesAsync).WithName("ListWorkspaceNamespaces").WithSummary("Lists which namespaces of instances are bound to which workspaces.");
        group.MapPost("/instances/-/actions", BindInstanceAsync).WithName("BindInstances").WithSummary("Binds an instance to a workspace, or unbinds it.").Audited("bind", "instances")
            .ProducesValidationProblem();
        group.MapPost("/namespaces/-/actions", BindNamespaceAsync).WithName("BindNamespaceInstances")
            .WithSummary("Binds a namespace of an instance to a workspace, or unbinds it.").Audited("bind", "namespaces").ProducesValidationProblem();
        return app;
    }

    private static Task<IResult> ListInstancesAsync(InstanceAccess access, MulticloudDbContext db, [AsParameters] KairshipListQuery query, CancellationToken cancellationToken) =>
        ListAsync(access, db.WorkspaceBindings.Where(b => b.Namespace == ""), query,
            b => new WorkspaceInstance(b.Instance, new WorkspaceInfo(null, b.WorkspaceId)), cancellationToken);

    private static Task<IResult> ListNamespacesAsync(InstanceAccess access, MulticloudDbContext db, [AsParameters] KairshipListQuery query, CancellationToken cancellationToken) =>
        ListAsync(access, db.WorkspaceBindings.Where(b => b.Namespace != ""), query,
            b => new NamespaceInstance(b.Namespace, b.Instance, new WorkspaceInfo(null, b.WorkspaceId)), cancellationToken);

    private static async Task<IResult> ListAsync<T>(InstanceAccess access, IQueryable<WorkspaceBinding> bindings, KairshipListQuery query,
        Func<WorkspaceBinding, T> shown, CancellationToken cancellationToken)
    {
        if (!await access.OnPlatformAsync("list", "instances", cancellationToken))
        {
            return Forbidden("list");
        }

        var sorting = new ListSorting<WorkspaceBinding>("instance", b => b.Instance, b => b.Instance).By("workspaceId", b => b.WorkspaceId);
        var list = query.ToListQuery();
        if (list.ValidationProblem(sorting) is { } invalid)
        {
            return invalid;
        }

        var page = await bindings.AsNoTracking().ToPageAsync(list, sorting, cancellationToken);
        return DceJson.Of(new ListResponse<T>([.. page.Items.Select(shown)], page.Pagination));
    }

    private static Task<IResult> BindInstanceAsync(InstanceAccess access, ControlPlanes planes, MulticloudDbContext db, TimeProvider time, BindInstanceAction body,
        CancellationToken cancellationToken) =>
        BindAsync(access, planes, db, time, new BindNamespaceAction(null, body.Instance, body.Workspace, body.Action), cancellationToken);

    private static Task<IResult> BindNamespaceAsync(InstanceAccess access, ControlPlanes planes, MulticloudDbContext db, TimeProvider time, BindNamespaceAction body,
        CancellationToken cancellationToken)
    {
        if (!KubernetesNames.IsLabel(body.Namespace))
        {
            return Task.FromResult<IResult>(TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["namespace"] = ["name the namespace to bind."] }));
        }

        return BindAsync(access, planes, db, time, body, cancellationToken);
    }

    private static async Task<IResult> BindAsync(InstanceAccess access, ControlPlanes planes, MulticloudDbContext db, TimeProvider time, BindNamespaceAction body,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Workspace?.WorkspaceId is not > 0)
        {
            errors["workspace.workspaceId"] = ["give the id of the workspace."];
        }

        if (body.Action is not ("BIND" or "UNBIND"))
        {
            errors["action"] = ["action is BIND or UNBIND."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!await access.OnPlatformAsync("bind", "instances", cancellationToken))
        {
            return Forbidden("bind");
        }

        if (planes.Settings(body.Instance ?? "") is null)
        {
            return TypedResults.Problem($"Instance {body.Instance} does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        var ns = body.Namespace ?? "";
        var workspaceId = body.Workspace!.WorkspaceId!.Value;
        var existing = await db.WorkspaceBindings.Where(b => b.Instance == body.Instance && b.Namespace == ns).ToListAsync(cancellationToken);
        if (body.Action == "UNBIND")
        {
            db.WorkspaceBindings.RemoveRange(existing.Where(b => b.WorkspaceId == workspaceId));
        }
        else if (ns.Length > 0 && existing.FirstOrDefault(b => b.WorkspaceId != workspaceId) is { } other)
        {
            return TypedResults.Problem($"Namespace {ns} of instance {body.Instance} is bound to workspace {other.WorkspaceId}; unbind it there first.",
                statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }
        else if (existing.All(b => b.WorkspaceId != workspaceId))
        {
            db.WorkspaceBindings.Add(new WorkspaceBinding { Instance = body.Instance!, Namespace = ns, WorkspaceId = workspaceId, CreatedAt = time.GetUtcNow() });
        }

        await db.SaveChangesAsync(cancellationToken);
        return DceJson.Of(body);
    }

    private static IResult Forbidden(string action) =>
        TypedResults.Problem($"You may not {action} instances to workspaces: it needs a platform grant of kairship instances {action}.",
            statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
}

/// <summary>DCE's <c>v1alpha1WorkspaceInfo</c>.</summary>
internal sealed record WorkspaceInfo(string? Workspace, int? WorkspaceId);

/// <summary>DCE's <c>v1alpha1WorkspaceInstance</c>: an instance bound to a workspace.</summary>
internal sealed record WorkspaceInstance(string Instance, WorkspaceInfo Workspace);

/// <summary>DCE's <c>v1alpha1NamespaceInstance</c>: a namespace of an instance bound to a workspace.</summary>
internal sealed record NamespaceInstance(string Namespace, string Instance, WorkspaceInfo Workspace);

/// <summary>DCE's <c>v1alpha1BindInstancesAction</c>: <c>action</c> is BIND or UNBIND.</summary>
internal sealed record BindInstanceAction(string? Instance, WorkspaceInfo? Workspace, string? Action);

/// <summary>DCE's <c>v1alpha1BindNamespaceInstancesAction</c>.</summary>
internal sealed record BindNamespaceAction(string? Namespace, string? Instance, WorkspaceInfo? Workspace, string? Action);
