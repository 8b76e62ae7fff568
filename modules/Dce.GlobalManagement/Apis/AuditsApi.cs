using System.Globalization;
using System.Text;
using Dce.GlobalManagement.Infrastructure;
using Dce.GlobalManagement.Model;
using Dce.GlobalManagement.Services.Access;
using Dce.GlobalManagement.Services.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using AuditQuery = Dce.GlobalManagement.Model.AuditFilter;

namespace Dce.GlobalManagement.Apis;

/// <summary>The audit log of every module: query with filters and paging, export as CSV, retention.</summary>
public static class AuditsApi
{
    private const string Resource = "audits";
    public const int MaxExportRows = 100_000;
    private static readonly ListSorting<AuditRecord> Sorting = new ListSorting<AuditRecord>("occurredAt", a => a.OccurredAt, a => a.ResourceName ?? "")
        .By("actor", a => a.Actor).By("action", a => a.Action).By("resourceType", a => a.ResourceType).By("module", a => a.Module);

    public static IEndpointRouteBuilder MapAuditsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPaths.V1Alpha3 + "/audits").WithTags("Audit");
        api.MapGet("", ListAsync).RequirePlatformAccess(Resource, "list").WithName("ListAudits").WithSummary("Lists audit records, filtered and paged.");
        api.MapGet("/export", ExportAsync).RequirePlatformAccess(Resource, "export").WithName("ExportAudits").WithSummary("Exports the filtered audit records as CSV.");
        api.MapGet("/{id:long}", GetAsync).RequirePlatformAccess(Resource, "get").WithName("GetAudit").WithSummary("Gets one audit record.");
        api.MapPost("/clear", ClearAsync).Audited("clear", Resource).RequirePlatformAccess(Resource, "delete")
            .WithName("ClearAudits").WithSummary("Deletes the records older than the retention period now, instead of waiting for the periodic cleanup.");
        app.MapGet(ApiPaths.V1Alpha1 + "/audits/clear", (IOptions<AuditOptions> options) => TypedResults.Ok(new AuditRetentionView(options.Value.RetentionDays)))
            .RequirePlatformAccess(Resource, "get").WithTags("Audit").WithName("GetAuditRetention").WithSummary("How many days audit records are kept.");
        return app;
    }

    internal static async Task<Results<Ok<ListResponse<AuditView>>, ValidationProblem>> ListAsync(
        [AsParameters] ListQuery query, [AsParameters] AuditQuery filter, GlobalManagementDbContext db, CancellationToken cancellationToken)
    {
        if (query.Validate(Sorting.Fields) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "The list query is invalid.");
        }

        var page = await Filter(db, filter).ToPageAsync(query, Sorting, cancellationToken);
        return TypedResults.Ok(new ListResponse<AuditView>([.. page.Items.Select(AuditView.Of)], page.Pagination));
    }

    internal static async Task<Results<Ok<AuditView>, ProblemHttpResult>> GetAsync(long id, GlobalManagementDbContext db, CancellationToken cancellationToken) =>
        await db.AuditRecords.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is { } record
            ? TypedResults.Ok(AuditView.Of(record))
            : Problems.NotFound($"Audit record {id}");

    internal static async Task<FileContentHttpResult> ExportAsync([AsParameters] AuditQuery filter, GlobalManagementDbContext db, CancellationToken cancellationToken)
    {
        var records = await Filter(db, filter).OrderBy(a => a.OccurredAt).ThenBy(a => a.Id).Take(MaxExportRows).ToListAsync(cancellationToken);
        var csv = new StringBuilder("id,occurredAt,module,actor,actorId,action,resourceType,resourceName,workspaceId,succeeded,statusCode,clientIp\n");
        foreach (var a in records)
        {
            csv.AppendJoin(',', new[]
            {
                a.Id.ToString(CultureInfo.InvariantCulture), a.OccurredAt.ToString("O", CultureInfo.InvariantCulture), Cell(a.Module), Cell(a.Actor), Cell(a.ActorId),
                Cell(a.Action), Cell(a.ResourceType), Cell(a.ResourceName), a.WorkspaceId?.ToString(CultureInfo.InvariantCulture) ?? "",
                a.Succeeded ? "true" : "false", a.StatusCode.ToString(CultureInfo.InvariantCulture), Cell(a.ClientIp),
            }).Append('\n');
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", "audits.csv");
    }

    internal static async Task<Ok<AuditClearResponse>> ClearAsync(AuditRetention retention, AuditTrail audit, IOptions<AuditOptions> options, CancellationToken cancellationToken)
    {
        var deleted = await retention.CleanupAsync(cancellationToken);
        audit.Describe($"older than {options.Value.RetentionDays} days");
        return TypedResults.Ok(new AuditClearResponse(deleted));
    }

    private static IQueryable<AuditRecord> Filter(GlobalManagementDbContext db, AuditQuery filter)
    {
        var records = db.AuditRecords.AsNoTracking();
        if (filter.Module is { } module)
        {
            records = records.Where(a => a.Module == module);
        }

        if (filter.Actor is { } actor)
        {
            records = records.Where(a => a.Actor == actor);
        }

        if (filter.Action is { } action)
        {
            records = records.Where(a => a.Action == action);
        }

        if (filter.ResourceType is { } resourceType)
        {
            records = records.Where(a => a.ResourceType == resourceType);
        }

        if (filter.WorkspaceId is { } workspaceId)
        {
            records = records.Where(a => a.WorkspaceId == workspaceId);
        }

        if (filter.Succeeded is { } succeeded)
        {
            records = records.Where(a => a.Succeeded == succeeded);
        }

        if (filter.From is { } from)
        {
            records = records.Where(a => a.OccurredAt >= from.ToUniversalTime());
        }

        if (filter.To is { } to)
        {
            records = records.Where(a => a.OccurredAt < to.ToUniversalTime());
        }

        return records;
    }

    // Quoted always; a leading formula character is neutralised so a spreadsheet never evaluates a cell.
    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var safe = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }
}
