using Dce.Insight.Alerting.Model;
using Dce.Insight.Apis;
using Dce.Insight.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Dce.Insight.Alerting.Apis;

/// <summary>DCE's rules of a group, and <c>rules/preview</c>: the rule's PromQL run now over the group's target within the caller's scope.</summary>
internal static class RulesApi
{
    public static IEndpointRouteBuilder MapAlertRulesApi(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup(InsightPaths.Group + "/alert/groups/{id:guid}/rules").WithTags("Alert");
        rules.MapGet("/", ListAsync).WithName("Alert_ListGroupRules").WithSummary("Lists a group's rules");
        rules.MapPost("/", AddAsync).WithName("Alert_AddGroupRule").WithSummary("Adds a rule to a group");
        rules.MapGet("/{name}", GetAsync).WithName("Alert_GetGroupRule").WithSummary("Gets one rule of a group");
        rules.MapPut("/{name}", UpdateAsync).WithName("Alert_UpdateGroupRule").WithSummary("Changes one rule of a group");
        rules.MapDelete("/{name}", DeleteAsync).WithName("Alert_DeleteGroupRule").WithSummary("Deletes one rule of a group");
        return app;
    }

    public static AlertRule NewRule(Guid groupId, RuleRequest request, DateTimeOffset now) => new()
    {
        GroupId = groupId,
        Name = request.Name!,
        Expr = request.Expr!,
        Duration = request.Duration is { Length: > 0 } duration ? duration : "0s",
        Severity = request.Severity is { Length: > 0 } severity ? severity.ToUpperInvariant() : AlertSeverities.Warning,
        Description = request.Description ?? "",
        Labels = request.Labels ?? [],
        Annotations = request.Annotations ?? [],
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static async Task<IResult> ListAsync(HttpContext http, InsightDbContext db, Guid id)
    {
        if (await ReadableGroupAsync(http, db, id) is not { } group)
        {
            return AlertProblems.NotFound("alert group");
        }

        var items = group.Rules.OrderBy(r => r.Name, StringComparer.Ordinal).Select(rule => GroupViews.RuleSummary(group, rule)).ToList();
        return TypedResults.Ok(GroupViews.Page(items, 1, Math.Max(items.Count, 1), items.Count));
    }

    private static async Task<IResult> GetAsync(HttpContext http, InsightDbContext db, Guid id, string name) =>
        await ReadableGroupAsync(http, db, id) is { } group && group.Rules.FirstOrDefault(r => r.Name == name) is { } rule
            ? TypedResults.Ok(GroupViews.Rule(group, rule))
            : AlertProblems.NotFound("alert rule");

    private static async Task<IResult> AddAsync(HttpContext http, InsightDbContext db, [FromServices] RuleValidator validator, [FromServices] RuleFiles files,
        TimeProvider clock, Guid id, RuleRequest request)
    {
        if (await GroupsApi.WritableGroupAsync(http, db, id) is not { } group)
        {
            return await GroupsApi.ProblemForAsync(http, db, id);
        }

        if ((RuleValidator.CheckRuleShape("rule", request) ?? await validator.CheckExpressionAsync(http, "expr", request.Expr!, group.ClusterName, group.Namespace)) is { } problem)
        {
            return problem;
        }

        if (group.Rules.Any(r => r.Name == request.Name))
        {
            return AlertProblems.Conflict($"Group '{group.Name}' already has a rule named '{request.Name}'.");
        }

        var rule = NewRule(group.Id, request, clock.GetUtcNow());
        db.Add(rule);
        await db.SaveChangesAsync(http.RequestAborted);
        await RuleFilesSync.WriteAllAsync(db, files, http.RequestAborted);
        return TypedResults.Ok(GroupViews.Rule(group, rule));
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, InsightDbContext db, [FromServices] RuleValidator validator, [FromServices] RuleFiles files,
        TimeProvider clock, Guid id, string name, RuleRequest request)
    {
        if (await GroupsApi.WritableGroupAsync(http, db, id) is not { } group)
        {
            return await GroupsApi.ProblemForAsync(http, db, id);
        }

        if (group.Rules.FirstOrDefault(r => r.Name == name) is not { } rule)
        {
            return AlertProblems.NotFound("alert rule");
        }

        var changed = request with { Name = name };
        if ((RuleValidator.CheckRuleShape("rule", changed) ?? await validator.CheckExpressionAsync(http, "expr", changed.Expr!, group.ClusterName, group.Namespace)) is { } problem)
        {
            return problem;
        }

        var replacement = NewRule(group.Id, changed, clock.GetUtcNow());
        rule.Expr = replacement.Expr;
        rule.Duration = replacement.Duration;
        rule.Severity = replacement.Severity;
        rule.Description = replacement.Description;
        rule.Labels = replacement.Labels;
        rule.Annotations = replacement.Annotations;
        rule.UpdatedAt = replacement.UpdatedAt;
        await db.SaveChangesAsync(http.RequestAborted);
        await RuleFilesSync.WriteAllAsync(db, files, http.RequestAborted);
        return TypedResults.Ok(GroupViews.Rule(group, rule));
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, InsightDbContext db, [FromServices] RuleFiles files, Guid id, string name)
    {
        if (await GroupsApi.WritableGroupAsync(http, db, id) is not { } group)
        {
            return await GroupsApi.ProblemForAsync(http, db, id);
        }

        if (group.Rules.FirstOrDefault(r => r.Name == name) is not { } rule)
        {
            return AlertProblems.NotFound("alert rule");
        }

        db.Remove(rule);
        await db.SaveChangesAsync(http.RequestAborted);
        await RuleFilesSync.WriteAllAsync(db, files, http.RequestAborted);
        return TypedResults.Ok(new { });
    }

    private static async Task<AlertGroup?> ReadableGroupAsync(HttpContext http, InsightDbContext db, Guid id)
    {
        var group = await db.Set<AlertGroup>().AsNoTracking().Include(g => g.Rules).FirstOrDefaultAsync(g => g.Id == id, http.RequestAborted);
        return group is not null && await AlertAccess.ReadScopeAsync(http) is { } scope && scope.Covers(group.ClusterName, group.Namespace) ? group : null;
    }
}
