using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dce.Insight.Apis;
using Dce.Insight.Metrics;
using Microsoft.AspNetCore.Mvc;

namespace Dce.Insight.Alerting.Apis;

/// <summary>DCE's <c>rules/preview</c>: a rule's PromQL as a range query over its group's target, within the caller's read scope.</summary>
internal static class PreviewRuleApi
{
    public sealed record PreviewRequest(PreviewParams? Params, PreviewGroup? Group, RuleRequest? Rule);

    public sealed record PreviewParams(string? Start, string? End, double? Step);

    public sealed record PreviewGroup(string? ClusterName, string? Namespace);

    public static IEndpointRouteBuilder MapPreviewRuleApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(InsightPaths.Group + "/alert/rules/preview", PreviewAsync).WithTags("Alert")
            .WithName("Alert_PreviewRule").WithSummary("Runs a rule's PromQL over its target's series the caller may read");
        return app;
    }

    private static async Task<IResult> PreviewAsync(HttpContext http, [FromServices] MetricsStore store, PreviewRequest request)
    {
        if (request.Rule?.Expr is not { Length: > 0 } expr)
        {
            return Problems.BadRequest("rule.expr", "Give the rule's PromQL expression in 'rule.expr'.");
        }

        if (request.Group?.ClusterName is not { Length: > 0 } cluster)
        {
            return Problems.BadRequest("group.clusterName", "Give the cluster the rule watches in 'group.clusterName'.");
        }

        if (await AlertAccess.ReadScopeAsync(http) is not { } scope)
        {
            return Problems.ScopeUnavailable(http);
        }

        var ns = request.Group.Namespace is { Length: > 0 } n ? n : null;
        var end = long.TryParse(request.Params?.End, out var e) ? DateTimeOffset.FromUnixTimeSeconds(e) : DateTimeOffset.UtcNow;
        var start = long.TryParse(request.Params?.Start, out var s) ? DateTimeOffset.FromUnixTimeSeconds(s) : end.AddMinutes(-30);
        var step = TimeSpan.FromSeconds(request.Params?.Step is > 0 and var given ? given : 30);
        if (start > end || (end - start) / step > 11_000)
        {
            return Problems.BadRequest("params", "Give 'start' before 'end' and a 'step' that gives at most 11000 points.");
        }

        if (ScopeFilters.For(scope, cluster, ns) is not { } filters)
        {
            return TypedResults.Ok(new { matrix = new JsonArray(), promQL = expr });
        }

        try
        {
            var answer = await store.QueryRangeAsync(expr, start, end, step, filters, http.RequestAborted);
            if (answer.Error is not null)
            {
                return answer.Status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity ? Problems.BadRequest("rule.expr", answer.Error) : Problems.MetricsUnavailable(http);
            }

            var matrix = new JsonArray([.. (answer.Data?["result"] as JsonArray ?? []).OfType<JsonObject>().Select(series => new JsonObject
            {
                ["metric"] = series["metric"]?.DeepClone(),
                ["values"] = new JsonArray([.. (series["values"] as JsonArray ?? []).OfType<JsonArray>().Select(pair => new JsonObject
                {
                    ["timestamp"] = ((long)(pair[0]!.GetValue<double>() * 1000)).ToString(CultureInfo.InvariantCulture),
                    ["value"] = pair[1]?.GetValue<string>(),
                })]),
            })]);
            return TypedResults.Ok(new { matrix, promQL = expr });
        }
        catch (HttpRequestException)
        {
            return Problems.MetricsUnavailable(http);
        }
    }
}
