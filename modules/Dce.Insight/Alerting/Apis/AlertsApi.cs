using System.Globalization;
using Dce.Insight.Alerting.Model;
using Dce.Insight.Apis;
using Dce.Insight.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;

namespace Dce.Insight.Alerting.Apis;

/// <summary>DCE's active alerts and their history, within the caller's read scope; <c>alert/smtp</c>.</summary>
internal static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var alert = app.MapGroup(InsightPaths.Group + "/alert").WithTags("Alert");
        alert.MapGet("/alerts", ListAsync).WithName("Alert_ListAlerts").WithSummary("Lists active alerts (or resolved ones: resolved=true) the caller may read");
        alert.MapGet("/alerts/{id:guid}", GetAsync).WithName("Alert_GetAlert").WithSummary("Gets one alert");
        alert.MapGet("/alertcount", CountAsync).WithName("Alert_CountAlert").WithSummary("Counts active alerts by severity");
        alert.MapPut("/history/clean", CleanAsync).WithName("Alert_CleanAlertHistory").WithSummary("Deletes resolved alerts (platform administrators)");
        alert.MapGet("/smtp", (IOptions<AlertingOptions> options) => TypedResults.Ok(new { enabled = options.Value.SmtpHost is { Length: > 0 } }))
            .WithName("Alert_GetSMTPStatus").WithSummary("Whether an SMTP server is configured for email receivers");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, InsightDbContext db, bool? resolved, string? groupId, string? clusterName, string? @namespace,
        string? severity, int? page, int? pageSize)
    {
        if (await AlertAccess.ReadScopeAsync(http) is not { } scope)
        {
            return Problems.ScopeUnavailable(http);
        }

        var status = resolved == true ? AlertStatuses.Resolved : AlertStatuses.Firing;
        var query = db.Set<AlertRecord>().AsNoTracking().Where(a => a.Status == status);
        query = clusterName is { Length: > 0 } ? query.Where(a => a.ClusterName == clusterName) : query;
        query = @namespace is { Length: > 0 } ? query.Where(a => a.Namespace == @namespace) : query;
        query = severity is { Length: > 0 } ? query.Where(a => a.Severity == severity.ToUpperInvariant()) : query;
        query = Guid.TryParse(groupId, out var group) ? query.Where(a => a.GroupId == group) : query;
        var visible = (await query.OrderByDescending(a => a.StartsAt).Take(10_000).ToListAsync(http.RequestAborted))
            .Where(a => scope.Covers(a.ClusterName, a.Namespace)).ToList();
        var (number, size) = (Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? 50, 1, 500));
        return TypedResults.Ok(GroupViews.Page(visible.Skip((number - 1) * size).Take(size).Select(Summary).ToList(), number, size, visible.Count));
    }

    private static async Task<IResult> GetAsync(HttpContext http, InsightDbContext db, Guid id)
    {
        if (await AlertAccess.ReadScopeAsync(http) is not { } scope)
        {
            return Problems.ScopeUnavailable(http);
        }

        var alert = await db.Set<AlertRecord>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, http.RequestAborted);
        return alert is not null && scope.Covers(alert.ClusterName, alert.Namespace) ? TypedResults.Ok(View(alert)) : AlertProblems.NotFound("alert");
    }

    private static async Task<IResult> CountAsync(HttpContext http, InsightDbContext db)
    {
        if (await AlertAccess.ReadScopeAsync(http) is not { } scope)
        {
            return Problems.ScopeUnavailable(http);
        }

        var active = (await db.Set<AlertRecord>().AsNoTracking().Where(a => a.Status == AlertStatuses.Firing)
                .Select(a => new { a.ClusterName, a.Namespace, a.Severity }).ToListAsync(http.RequestAborted))
            .Where(a => scope.Covers(a.ClusterName, a.Namespace)).ToList();
        // DCE's CountAlert per target: one per cluster with active alerts the caller may read, counted by severity.
        return TypedResults.Ok(new
        {
            data = active.GroupBy(a => a.ClusterName).OrderBy(c => c.Key, StringComparer.Ordinal).Select(cluster => new
            {
                items = new[]
                {
                    new
                    {
                        target = cluster.Key,
                        sum = AlertSeverities.All.ToDictionary(severity => severity,
                            severity => cluster.Count(a => a.Severity == severity).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    },
                },
            }).ToArray(),
        });
    }

    private static async Task<IResult> CleanAsync(HttpContext http, InsightDbContext db)
    {
        if (await AlertAccess.WriteScopeAsync(http) is not { } scope)
        {
            return Problems.ScopeUnavailable(http);
        }

        if (!scope.All)
        {
            return AlertProblems.Forbidden("Cleaning the alert history needs Insight's write rights on the whole platform.");
        }

        // Deliveries still owed are kept: a resolved notification may not have reached its receiver yet.
        await db.Set<AlertDelivery>().Where(d => d.DeliveredAt != null && db.Set<AlertRecord>().Any(a => a.Id == d.AlertId && a.Status == AlertStatuses.Resolved))
            .ExecuteDeleteAsync(http.RequestAborted);
        var deleted = await db.Set<AlertRecord>().Where(a => a.Status == AlertStatuses.Resolved
            && !db.Set<AlertDelivery>().Any(d => d.AlertId == a.Id && d.DeliveredAt == null)).ExecuteDeleteAsync(http.RequestAborted);
        return TypedResults.Ok(new { num = deleted.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    /// <summary>DCE's <c>AlertSummary</c>, as alerts are listed: with the status, firing or resolved.</summary>
    private static Dictionary<string, object> Summary(AlertRecord alert) => new()
    {
        ["id"] = alert.Id.ToString(),
        ["groupName"] = alert.GroupName,
        ["groupId"] = alert.GroupId?.ToString() ?? "",
        ["ruleName"] = alert.RuleName,
        ["clusterName"] = alert.ClusterName,
        ["namespace"] = alert.Namespace ?? "",
        ["targetType"] = GroupViews.TargetType(alert.Namespace),
        ["severity"] = alert.Severity,
        ["status"] = alert.Status,
        ["description"] = Description(alert),
        ["startAt"] = Seconds(alert.StartsAt),
        ["updateAt"] = Seconds(alert.UpdatedAt),
    };

    /// <summary>
    /// DCE's <c>Alert</c>, as one alert is read: the summary with its labels and annotations. The status and, once resolved,
    /// <c>endAt</c> are the module's own fields there, so one alert tells whether it still fires.
    /// </summary>
    private static Dictionary<string, object> View(AlertRecord alert)
    {
        var view = Summary(alert);
        view["labels"] = alert.Labels;
        view["annotations"] = alert.Annotations;
        if (alert.EndsAt is { } end && alert.Status == AlertStatuses.Resolved)
        {
            view["endAt"] = Seconds(end);
        }

        return view;
    }

    private static string Description(AlertRecord alert) =>
        alert.Annotations.GetValueOrDefault("description") ?? alert.Annotations.GetValueOrDefault("summary") ?? "";

    private static string Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
