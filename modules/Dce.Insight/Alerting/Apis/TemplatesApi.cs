using Dce.Insight.Alerting.Model;
using Dce.Insight.Apis;
using Dce.Insight.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dce.Insight.Alerting.Apis;

/// <summary>DCE's message templates: read by every caller, changed by platform administrators; <c>templates/preview</c> renders one with a sample alert.</summary>
internal static class TemplatesApi
{
    /// <summary>DCE's <c>CreateTemplateRequest</c>; <c>body.webhook</c> and <c>body.email</c> are delivered.</summary>
    public sealed record TemplateRequest(string? Name, string? Description, TemplateBody? Body);

    public sealed record TemplateBody(string? Webhook, EmailTemplate? Email);

    /// <summary>DCE's <c>emailBody</c>.</summary>
    public sealed record EmailTemplate(string? Subject, string? Body);

    /// <summary>DCE's <c>PreviewTemplateRequest</c>: a body and a notification to render it with.</summary>
    public sealed record PreviewRequest(TemplateBody? Body, HookNotification? Data);

    public static IEndpointRouteBuilder MapAlertTemplatesApi(this IEndpointRouteBuilder app)
    {
        var alert = app.MapGroup(InsightPaths.Group + "/alert").WithTags("Alert");
        alert.MapGet("/templates", ListAsync).WithName("Alert_ListTemplates").WithSummary("Lists message templates");
        alert.MapGet("/template-summary", SummaryAsync).WithName("Alert_ListTemplateSummary").WithSummary("Lists message templates' names");
        alert.MapPost("/templates", CreateAsync).WithName("Alert_CreateTemplate").WithSummary("Creates a message template");
        alert.MapPost("/templates/preview", Preview).WithName("Alert_PreviewTemplate").WithSummary("Renders a template with a sample notification");
        alert.MapGet("/templates/{name}", GetAsync).WithName("Alert_GetTemplate").WithSummary("Gets a message template");
        alert.MapPut("/templates/{name}", UpdateAsync).WithName("Alert_UpdateTemplate").WithSummary("Changes a message template");
        alert.MapDelete("/templates/{name}", DeleteAsync).WithName("Alert_DeleteTemplate").WithSummary("Deletes a message template");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, InsightDbContext db)
    {
        var items = (await db.Set<MessageTemplate>().AsNoTracking().OrderBy(t => t.Name).ToListAsync(http.RequestAborted)).Select(View).ToList();
        return TypedResults.Ok(GroupViews.Page(items, 1, Math.Max(items.Count, 1), items.Count));
    }

    private static async Task<IResult> SummaryAsync(HttpContext http, InsightDbContext db)
    {
        var items = (await db.Set<MessageTemplate>().AsNoTracking().OrderBy(t => t.Name).ToListAsync(http.RequestAborted))
            .Select(t => new { name = t.Name, description = t.Description, updateAt = Seconds(t.UpdatedAt), builtin = false }).ToList();
        return TypedResults.Ok(GroupViews.Page(items, 1, Math.Max(items.Count, 1), items.Count));
    }

    private static async Task<IResult> GetAsync(HttpContext http, InsightDbContext db, string name) =>
        await db.Set<MessageTemplate>().FindAsync([name], http.RequestAborted) is { } template ? TypedResults.Ok(View(template)) : AlertProblems.NotFound("template");

    private static async Task<IResult> CreateAsync(HttpContext http, InsightDbContext db, TimeProvider clock, TemplateRequest request)
    {
        if ((await AdminProblemAsync(http) ?? Check(request)) is { } problem)
        {
            return problem;
        }

        if (await db.Set<MessageTemplate>().AnyAsync(t => t.Name == request.Name, http.RequestAborted))
        {
            return AlertProblems.Conflict($"A template named '{request.Name}' exists.");
        }

        var now = clock.GetUtcNow();
        var template = new MessageTemplate
        {
            Name = request.Name!,
            Description = request.Description ?? "",
            Webhook = request.Body!.Webhook ?? "",
            EmailSubject = request.Body.Email?.Subject,
            EmailBody = request.Body.Email?.Body,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(template);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(View(template));
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, InsightDbContext db, TimeProvider clock, string name, TemplateRequest request)
    {
        if ((await AdminProblemAsync(http) ?? Check(request with { Name = name })) is { } problem)
        {
            return problem;
        }

        if (await db.Set<MessageTemplate>().FindAsync([name], http.RequestAborted) is not { } template)
        {
            return AlertProblems.NotFound("template");
        }

        template.Webhook = request.Body!.Webhook ?? "";
        template.EmailSubject = request.Body.Email?.Subject;
        template.EmailBody = request.Body.Email?.Body;
        template.Description = request.Description ?? template.Description;
        template.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(View(template));
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, InsightDbContext db, string name)
    {
        if (await AdminProblemAsync(http) is { } problem)
        {
            return problem;
        }

        return await db.Set<MessageTemplate>().Where(t => t.Name == name).ExecuteDeleteAsync(http.RequestAborted) == 0
            ? AlertProblems.NotFound("template")
            : TypedResults.Ok(new { });
    }

    private static IResult Preview(PreviewRequest request)
    {
        if (Check(new TemplateRequest("preview", null, request.Body)) is { } problem)
        {
            return problem;
        }

        var sample = request.Data?.Alerts?.FirstOrDefault();
        var labels = sample?.Labels ?? [];
        var alert = new AlertRecord
        {
            Fingerprint = sample?.Fingerprint ?? "",
            StartsAt = sample?.StartsAt ?? DateTimeOffset.UnixEpoch,
            RuleName = labels.GetValueOrDefault("alertname") ?? "",
            GroupName = labels.GetValueOrDefault(RuleFiles.GroupNameLabel) ?? "",
            ClusterName = labels.GetValueOrDefault("cluster") ?? "",
            Namespace = labels.GetValueOrDefault("namespace"),
            Severity = labels.GetValueOrDefault("severity") ?? "",
            Labels = labels,
            Annotations = sample?.Annotations ?? [],
        };
        var status = sample?.Status ?? AlertStatuses.Firing;
        var email = request.Body!.Email is { } given ? MessageText.Email(given.Subject, given.Body, alert, status) : null;
        return TypedResults.Ok(new
        {
            data = new
            {
                webhook = new { content = MessageText.Render(request.Body.Webhook ?? "", alert, status), status = request.Body.Webhook is { Length: > 0 } },
                email = new { content = email is null ? "" : $"{email.Subject}\n\n{email.Body}", status = email is not null },
            },
        });
    }

    private static IResult? Check(TemplateRequest request)
    {
        if (!RuleValidator.IsName(request.Name))
        {
            return Problems.BadRequest("name", $"'{request.Name}' is not a valid name: use at most 63 lower-case letters, digits and '-'.");
        }

        var body = request.Body;
        if (body?.Webhook is not { Length: > 0 } && body?.Email?.Subject is not { Length: > 0 } && body?.Email?.Body is not { Length: > 0 })
        {
            return Problems.BadRequest("body", "Give the webhook message's text in 'body.webhook', or an email's 'body.email.subject' and 'body.email.body'.");
        }

        (string Field, string? Text)[] texts = [("body.webhook", body.Webhook), ("body.email.subject", body.Email?.Subject), ("body.email.body", body.Email?.Body)];
        foreach (var (field, text) in texts)
        {
            if (text is not null && MessageText.UnknownPlaceholder(text) is { } unknown)
            {
                return Problems.BadRequest(field, $"'{unknown}' names no field: use .Status, .RuleName, .GroupName, .ClusterName, .Namespace, .Severity, .StartsAt, .Labels.<name> or .Annotations.<name>.");
            }
        }

        return body.Email?.Subject is { } subject && subject.AsSpan().ContainsAny('\r', '\n')
            ? Problems.BadRequest("body.email.subject", "An email subject is one line: remove its line breaks.")
            : null;
    }

    private static async Task<IResult?> AdminProblemAsync(HttpContext http) =>
        await AlertAccess.WriteScopeAsync(http) switch
        {
            null => Problems.ScopeUnavailable(http),
            { All: true } => null,
            _ => AlertProblems.Forbidden("Message templates are managed by platform administrators (Insight's write rights on the whole platform)."),
        };

    private static string Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static object View(MessageTemplate template) => new
    {
        name = template.Name,
        description = template.Description,
        body = new { webhook = template.Webhook, email = new { subject = template.EmailSubject ?? "", body = template.EmailBody ?? "" } },
        builtin = false,
        createAt = Seconds(template.CreatedAt),
        updateAt = Seconds(template.UpdatedAt),
    };
}
