using System.Text;
using Dce.Insight.Alerting.Model;
using Dce.Insight.Apis;
using Dce.Insight.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dce.Insight.Alerting.Apis;

/// <summary>DCE's receivers (notification channels): webhooks, managed by platform administrators since their addresses may carry secrets.</summary>
internal static class ReceiversApi
{
    /// <summary>DCE's <c>Receiver</c>: name, type and the webhook's address.</summary>
    public sealed record ReceiverRequest(string? Name, string? Type, string? Description, WebhookConfig? Webhook);

    public sealed record WebhookConfig(string? Url);

    public static IEndpointRouteBuilder MapAlertReceiversApi(this IEndpointRouteBuilder app)
    {
        var receivers = app.MapGroup(InsightPaths.Group + "/alert/receivers").WithTags("Alert");
        receivers.MapGet("/", ListAsync).WithName("Alert_ListReceivers").WithSummary("Lists the notification receivers");
        receivers.MapPost("/", CreateAsync).WithName("Alert_CreateReceiver").WithSummary("Creates a webhook receiver");
        receivers.MapPost("/test", TestAsync).WithName("Alert_TestReceiver").WithSummary("Sends a test notification to a receiver's webhook");
        receivers.MapGet("/{name}", GetAsync).WithName("Alert_GetReceiver").WithSummary("Gets a receiver");
        receivers.MapPut("/{name}", UpdateAsync).WithName("Alert_UpdateReceiver").WithSummary("Changes a receiver");
        receivers.MapDelete("/{name}", DeleteAsync).WithName("Alert_DeleteReceiver").WithSummary("Deletes a receiver");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, InsightDbContext db) =>
        await AdminProblemAsync(http) ?? TypedResults.Ok(new { items = (await db.Set<AlertReceiver>().AsNoTracking().OrderBy(r => r.Name).ToListAsync(http.RequestAborted)).Select(View).ToList() });

    private static async Task<IResult> GetAsync(HttpContext http, InsightDbContext db, string name) =>
        await AdminProblemAsync(http) ?? (await db.Set<AlertReceiver>().FindAsync([name], http.RequestAborted) is { } receiver
            ? TypedResults.Ok(new { data = View(receiver) })
            : AlertProblems.NotFound("receiver"));

    private static async Task<IResult> CreateAsync(HttpContext http, InsightDbContext db, TimeProvider clock, ReceiverRequest request)
    {
        if ((await AdminProblemAsync(http) ?? Check(request)) is { } problem)
        {
            return problem;
        }

        if (await db.Set<AlertReceiver>().AnyAsync(r => r.Name == request.Name, http.RequestAborted))
        {
            return AlertProblems.Conflict($"A receiver named '{request.Name}' exists.");
        }

        var now = clock.GetUtcNow();
        var receiver = new AlertReceiver { Name = request.Name!, Url = request.Webhook!.Url!, Description = request.Description ?? "", CreatedAt = now, UpdatedAt = now };
        db.Add(receiver);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(new { data = View(receiver) });
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, InsightDbContext db, TimeProvider clock, string name, ReceiverRequest request)
    {
        if ((await AdminProblemAsync(http) ?? Check(request with { Name = name })) is { } problem)
        {
            return problem;
        }

        if (await db.Set<AlertReceiver>().FindAsync([name], http.RequestAborted) is not { } receiver)
        {
            return AlertProblems.NotFound("receiver");
        }

        receiver.Url = request.Webhook!.Url!;
        receiver.Description = request.Description ?? receiver.Description;
        receiver.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(new { data = View(receiver) });
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, InsightDbContext db, string name)
    {
        if (await AdminProblemAsync(http) is { } problem)
        {
            return problem;
        }

        var receiver = await db.Set<AlertReceiver>().AsNoTracking().FirstOrDefaultAsync(r => r.Name == name, http.RequestAborted);
        return receiver is null || await db.Set<AlertReceiver>().Where(r => r.Name == name).ExecuteDeleteAsync(http.RequestAborted) == 0
            ? AlertProblems.NotFound("receiver")
            : TypedResults.Ok(new { data = View(receiver) });
    }

    private static async Task<IResult> TestAsync(HttpContext http, IHttpClientFactory clients, ReceiverRequest request)
    {
        if ((await AdminProblemAsync(http) ?? Check(request with { Name = request.Name ?? "test" })) is { } problem)
        {
            return problem;
        }

        try
        {
            using var response = await clients.CreateClient(DeliveryLoop.HttpClientName).PostAsync(request.Webhook!.Url,
                new StringContent("""{"status":"test","alert":{}}""", Encoding.UTF8, "application/json"), http.RequestAborted);
            return TypedResults.Ok(new { success = response.IsSuccessStatusCode, message = $"the receiver answered {(int)response.StatusCode}" });
        }
        catch (HttpRequestException e)
        {
            return TypedResults.Ok(new { success = false, message = e.Message });
        }
    }

    private static IResult? Check(ReceiverRequest request)
    {
        if (!RuleValidator.IsName(request.Name))
        {
            return Problems.BadRequest("name", $"'{request.Name}' is not a valid name: use at most 63 lower-case letters, digits and '-'.");
        }

        if (request.Type is { Length: > 0 } type && type != ReceiverTypes.Webhook)
        {
            return Problems.BadRequest("type", $"Receivers of type '{type}' are not delivered; use 'webhook'.");
        }

        return Uri.TryCreate(request.Webhook?.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? null
            : Problems.BadRequest("webhook.url", "Give the webhook's absolute http or https address in 'webhook.url'.");
    }

    private static async Task<IResult?> AdminProblemAsync(HttpContext http) =>
        await AlertAccess.WriteScopeAsync(http) switch
        {
            null => Problems.ScopeUnavailable(http),
            { All: true } => null,
            _ => AlertProblems.Forbidden("Receivers are managed by platform administrators (Insight's write rights on the whole platform)."),
        };

    private static object View(AlertReceiver receiver) => new
    {
        name = receiver.Name,
        type = receiver.Type,
        description = receiver.Description,
        webhook = new { url = receiver.Url },
        createAt = receiver.CreatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        updateAt = receiver.UpdatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
