using Dce.Insight.Alerting.Model;
using Dce.Insight.Apis;
using Dce.Insight.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Dce.Insight.Alerting.Apis;

/// <summary>DCE's alert groups: each aimed at a cluster or one namespace; listed within the caller's read scope, changed by those who may write there.</summary>
internal static class GroupsApi
{
    public static IEndpointRouteBuilder MapAlertGroupsApi(this IEndpointRouteBuilder app)
    {
        var groups = app.MapGroup(InsightPaths.Group + "/alert/groups").WithTags("Alert");
        groups.MapGet("/", ListAsync).WithName("Alert_ListGroups").WithSummary("Lists the alert groups the caller may read");
        groups.MapPost("/", CreateAsync).WithName("Alert_CreateGroup").WithSummary("Creates an alert group with its rules");
        groups.MapPost("/validate", ValidateAsync).WithName("Alert_ValidateGroup").WithSummary("Checks a group and its rules without storing it");
        groups.MapGet("/{id:guid}", GetAsync).WithName("Alert_GetGroup").WithSummary("Gets an alert group with its rules");
        groups.MapPut("/{id:guid}", UpdateAsync).WithName("Alert_UpdateGroup").WithSummary("Changes a group's description, receivers and template");
        groups.MapDelete("/{id:guid}", DeleteAsync).WithName("Alert_DeleteGroup").WithSummary("Deletes an alert group and its rules");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, InsightDbContext db, string? clusterName, string? @namespace, string? name, int? page, int? pageSize)
    {
        if (await AlertAccess.ReadScopeAsync(http) is not { } scope)
        {
            return Problems.ScopeUnavailable(http);
        }

        var query = db.Set<AlertGroup>().AsNoTracking();
        query = clusterName is { Length: > 0 } ? query.Where(g => g.ClusterName == clusterName) : query;
        query = @namespace is { Length: > 0 } ? query.Where(g => g.Namespace == @namespace) : query;
        query = name is { Length: > 0 } ? query.Where(g => g.Name.Contains(name)) : query;
        var visible = (await query.OrderBy(g => g.ClusterName).ThenBy(g => g.Name).ToListAsync(http.RequestAborted))
            .Where(g => scope.Covers(g.ClusterName, g.Namespace)).ToList();
        var (number, size) = (Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? 50, 1, 500));
        return TypedResults.Ok(GroupViews.Page(visible.Skip((number - 1) * size).Take(size).Select(GroupViews.Summary).ToList(), number, size, visible.Count));
    }

    private static async Task<IResult> GetAsync(HttpContext http, InsightDbContext db, Guid id)
    {
        if (await AlertAccess.ReadScopeAsync(http) is not { } scope)
        {
            return Problems.ScopeUnavailable(http);
        }

        var group = await db.Set<AlertGroup>().AsNoTracking().Include(g => g.Rules).FirstOrDefaultAsync(g => g.Id == id, http.RequestAborted);
        return group is not null && scope.Covers(group.ClusterName, group.Namespace) ? TypedResults.Ok(await ViewAsync(db, group, http.RequestAborted)) : AlertProblems.NotFound("alert group");
    }

    private static async Task<IResult> ValidateAsync(HttpContext http, InsightDbContext db, [FromServices] RuleValidator validator, GroupRequest request) =>
        await CheckAsync(http, db, validator, request) ?? TypedResults.Ok(new { valid = true });

    private static async Task<IResult> CreateAsync(HttpContext http, InsightDbContext db, [FromServices] RuleValidator validator, [FromServices] RuleFiles files,
        TimeProvider clock, GroupRequest request)
    {
        if (await CheckAsync(http, db, validator, request) is { } problem)
        {
            return problem;
        }

        if (await db.Set<AlertGroup>().AnyAsync(g => g.ClusterName == request.ClusterName && g.Name == request.Name, http.RequestAborted))
        {
            return AlertProblems.Conflict($"Cluster '{request.ClusterName}' already has an alert group named '{request.Name}'.");
        }

        var now = clock.GetUtcNow();
        var group = new AlertGroup
        {
            Id = Guid.NewGuid(),
            Name = request.Name!,
            ClusterName = request.ClusterName!,
            Namespace = request.Namespace is { Length: > 0 } ns ? ns : null,
            Description = request.Description ?? "",
            NotificationTemplate = request.NotificationTemplate is { Length: > 0 } template ? template : null,
            Receivers = ReceiverNames(request),
            CreatedAt = now,
            UpdatedAt = now,
        };
        group.Rules = [.. (request.Rules ?? []).Select(rule => RulesApi.NewRule(group.Id, rule, now))];
        db.Add(group);
        await db.SaveChangesAsync(http.RequestAborted);
        await RuleFilesSync.WriteAllAsync(db, files, http.RequestAborted);
        return TypedResults.Ok(await ViewAsync(db, group, http.RequestAborted));
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, InsightDbContext db, [FromServices] RuleFiles files, TimeProvider clock, Guid id, GroupRequest request)
    {
        if (await WritableGroupAsync(http, db, id) is not { } found)
        {
            return await ProblemForAsync(http, db, id);
        }

        if (await MissingReceiverAsync(db, ReceiverNames(request), http.RequestAborted) is { } missing)
        {
            return Problems.BadRequest("receivers", $"There is no receiver named '{missing}'; create it first.");
        }

        found.Description = request.Description ?? found.Description;
        found.Receivers = request.Receivers is null ? found.Receivers : ReceiverNames(request);
        found.NotificationTemplate = request.NotificationTemplate is null ? found.NotificationTemplate : request.NotificationTemplate is { Length: > 0 } t ? t : null;
        found.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(http.RequestAborted);
        await RuleFilesSync.WriteAllAsync(db, files, http.RequestAborted);
        return TypedResults.Ok(await ViewAsync(db, found, http.RequestAborted));
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, InsightDbContext db, [FromServices] RuleFiles files, Guid id)
    {
        if (await WritableGroupAsync(http, db, id) is not { } found)
        {
            return await ProblemForAsync(http, db, id);
        }

        db.Remove(found);
        await db.SaveChangesAsync(http.RequestAborted);
        await RuleFilesSync.WriteAllAsync(db, files, http.RequestAborted);
        return TypedResults.Ok(new { });
    }

    /// <summary>The group with its rules when it exists and the caller may change it.</summary>
    internal static async Task<AlertGroup?> WritableGroupAsync(HttpContext http, InsightDbContext db, Guid id)
    {
        var group = await db.Set<AlertGroup>().Include(g => g.Rules).FirstOrDefaultAsync(g => g.Id == id, http.RequestAborted);
        return group is not null && await AlertAccess.WriteScopeAsync(http) is { } scope && scope.Covers(group.ClusterName, group.Namespace) ? group : null;
    }

    /// <summary>Why <see cref="WritableGroupAsync"/> found nothing: 404 when the caller cannot even read it, 403 when they only read it.</summary>
    internal static async Task<IResult> ProblemForAsync(HttpContext http, InsightDbContext db, Guid id)
    {
        var group = await db.Set<AlertGroup>().AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, http.RequestAborted);
        if (await AlertAccess.ReadScopeAsync(http) is not { } scope)
        {
            return Problems.ScopeUnavailable(http);
        }

        return group is not null && scope.Covers(group.ClusterName, group.Namespace)
            ? AlertProblems.Forbidden($"Changing alert group '{group.Name}' needs Insight's write rights on cluster '{group.ClusterName}'.")
            : AlertProblems.NotFound("alert group");
    }

    private static async Task<IResult?> CheckAsync(HttpContext http, InsightDbContext db, RuleValidator validator, GroupRequest request)
    {
        if (RuleValidator.CheckGroupShape(request) is { } shape)
        {
            return shape;
        }

        var ns = request.Namespace is { Length: > 0 } n ? n : null;
        if (await AlertAccess.WriteScopeAsync(http) is not { } scope)
        {
            return Problems.ScopeUnavailable(http);
        }

        if (!scope.Covers(request.ClusterName!, ns))
        {
            return AlertProblems.Forbidden($"Alert groups on cluster '{request.ClusterName}'{(ns is null ? "" : $", namespace '{ns}'")} need Insight's write rights there (a cluster admin of it).");
        }

        if (await MissingReceiverAsync(db, ReceiverNames(request), http.RequestAborted) is { } missing)
        {
            return Problems.BadRequest("receivers", $"There is no receiver named '{missing}'; create it first.");
        }

        if (request.NotificationTemplate is { Length: > 0 } template && !await db.Set<MessageTemplate>().AnyAsync(t => t.Name == template, http.RequestAborted))
        {
            return Problems.BadRequest("notificationTemplate", $"There is no message template named '{template}'; create it first.");
        }

        var rules = request.Rules ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            if (await validator.CheckExpressionAsync(http, $"rules[{i}].expr", rules[i].Expr!, request.ClusterName!, ns) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static async Task<object> ViewAsync(InsightDbContext db, AlertGroup group, CancellationToken cancellationToken) =>
        GroupViews.Group(group, await db.Set<AlertReceiver>().AsNoTracking().Where(r => group.Receivers.Contains(r.Name))
            .ToDictionaryAsync(r => r.Name, r => r.Type, StringComparer.Ordinal, cancellationToken));

    private static List<string> ReceiverNames(GroupRequest request) =>
        [.. (request.Receivers ?? []).SelectMany(r => r.Names ?? []).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];

    private static async Task<string?> MissingReceiverAsync(InsightDbContext db, List<string> names, CancellationToken cancellationToken)
    {
        var known = await db.Set<AlertReceiver>().Where(r => names.Contains(r.Name)).Select(r => r.Name).ToListAsync(cancellationToken);
        return names.FirstOrDefault(n => !known.Contains(n));
    }
}
